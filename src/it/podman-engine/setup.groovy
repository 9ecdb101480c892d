// The goals on Podman's Docker-compatible API (rootful `podman system service`, see scripts/setup/podman.sh):
// kube:build gives the local engine's kubectl byte for byte, kube:run, kube:shell and kube:copy-output work, and
// Ctrl-C leaves nothing running but the data container; the invoker's own run, kube:clean, then leaves nothing.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String podman = 'unix:///run/podman/podman.sock'
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
kit.forgetEarlierRunsOn(podman, tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File kubectl = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')
Map<String, String> onPodman = [DOCKER_HOST: podman]

def goal = { String name, String goal, List<String> properties, Map<String, String> environment ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':' + goal, properties, environment)
    new File(basedir, name + '.log').text = result.output
    assert result.exitCode == 0: result.output
}
Properties sums = new Properties()
goal('local', 'build', ['-Dkube.force=true'], [:])
sums.local = kit.sha256(kubectl)
kubectl.delete()
goal('podman-build', 'build', ['-Dkube.force=true'], onPodman)
sums.podman = kit.sha256(kubectl)
goal('run', 'run', ['-Dkube.command=go version'], onPodman)
goal('shell', 'shell', ['-Dkube.shellCommand=id -u; ls Makefile'], onPodman)
kubectl.delete()
goal('copy-output', 'copy-output', [], onPodman)
sums.copied = kit.sha256(kubectl)
new File(basedir, 'kubectl-sha256.properties').withOutputStream { sums.store(it, null) }

File logFile = new File(basedir, 'interrupted.log')
def builder = new ProcessBuilder(kit.interruptibleMavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=sleep 600']))
        .directory(tree).redirectErrorStream(true).redirectOutput(logFile)
builder.environment().putAll(onPodman)
def process = builder.start()
String hash = kit.expectedTreeHash(tree)
def running = { kit.dockerOn(podman, 'ps', '--format', '{{.Names}}', '--filter', "label=io.github.kubemaven.tree=${hash}").readLines().findAll { it } }
try {
    assert kit.waitFor(180) { logFile.text.contains('Running build command: sleep 600') }: logFile.text
    assert kit.waitFor(30) { running().any { it.startsWith('kube-mvn-build-') } }
    kit.run(tree, ['kill', '-INT', Long.toString(process.pid())])
    assert process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS): 'Maven ends on Ctrl-C'
} finally {
    process.destroyForcibly()
}
new File(basedir, 'running-after-interrupt.txt').text = running().join('\n')
new File(basedir, 'left-after-interrupt.txt').text = kit.everythingOf(podman, hash).join('\n')
return true
