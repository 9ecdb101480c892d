// A remote engine stops answering in the middle of a run (its dockerd frozen: connections hang, nothing is refused).
// The run ends with one line within a bounded time, and the containers it started there stop by themselves once their
// lease runs out, though nobody could tell the engine to stop them.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
Properties second = kit.freshTreeOnBothEngines(new File(fixtureDir), tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File logFile = new File(basedir, 'silenced.log')
String pid = new File('/run/kube-maven-it/docker.pid').text.trim()
def builder = new ProcessBuilder(kit.mavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=sleep 900']))
        .directory(tree).redirectErrorStream(true).redirectOutput(logFile)
builder.environment().putAll([DOCKER_HOST: second.SECOND_ENGINE_TCP, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: second.SECOND_ENGINE_CERT_PATH])
def process = builder.start()
String hash = kit.expectedTreeHash(tree)
long silenced = 0
try {
    assert kit.waitFor(300) { logFile.text.contains('Running build command: sleep 900') }: logFile.text
    assert kit.waitFor(30) { kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'ps', '--format', '{{.Names}}').contains("kube-mvn-build-${hash}") }
    kit.run(new File('.'), ['kill', '-STOP', pid])
    silenced = System.nanoTime()
    assert process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS): "the run ends while its engine is silent: ${logFile.text}"
    new File(basedir, 'ended-after-seconds.txt').text = Long.toString((System.nanoTime() - silenced).intdiv(1_000_000_000L))
    new File(basedir, 'exit-code.txt').text = Integer.toString(process.exitValue())
    long leaseEnds = silenced + (90L + 30L) * 1_000_000_000L
    while (System.nanoTime() < leaseEnds) {
        Thread.sleep(1000)
    }
} finally {
    process.destroyForcibly()
    kit.run(new File('.'), ['kill', '-CONT', pid])
}
assert kit.waitFor(60) { kit.runAllowingFailure(new File('.'), ['docker', '-H', second.SECOND_ENGINE_SOCKET, 'info']).exitCode == 0 }
boolean stopped = kit.waitFor(60) {
    kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'ps', '--format', '{{.Names}}', '--filter', "label=io.github.kubemaven.tree=${hash}").isEmpty()
}
new File(basedir, 'running-when-it-answered.txt').text =
        kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'ps', '--format', '{{.Names}}', '--filter', "label=io.github.kubemaven.tree=${hash}")
new File(basedir, 'left-when-it-answered.txt').text =
        kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'ps', '-a', '--format', '{{.Names}} {{.Status}}', '--filter', "label=io.github.kubemaven.tree=${hash}")
return true
