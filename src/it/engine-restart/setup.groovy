// The engine stops and starts again in the middle of a run: the run ends with one line, and the next run is green.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File logFile = new File(basedir, 'interrupted.log')
def engineAnswers = { kit.runAllowingFailure(new File('.'), ['docker', 'info']).exitCode == 0 }
String dockerPid = new File('/var/run/docker.pid').text.trim()
def process = new ProcessBuilder(kit.mavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=sleep 120']))
        .directory(tree).redirectErrorStream(true).redirectOutput(logFile).start()
try {
    assert kit.waitFor(180) { logFile.text.contains('Running build command: sleep 120') }: logFile.text
    assert kit.waitFor(30) { kit.containersOf(kit.expectedTreeHash(tree), true).any { it.startsWith('kube-mvn-build-') } }
    // the local engine only: the second engine of scripts/setup/second-engine.sh is a dockerd too
    kit.run(new File('.'), ['kill', '-TERM', dockerPid])
    assert kit.waitFor(60) { !engineAnswers() }: 'the engine stopped'
    long stopped = System.nanoTime()
    assert process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS): "the run ends when its engine goes away: ${logFile.text}"
    new File(basedir, 'ended-after-seconds.txt').text = Long.toString((System.nanoTime() - stopped).intdiv(1_000_000_000L))
    assert process.exitValue() != 0
} finally {
    process.destroyForcibly()
    if (!engineAnswers()) {
        assert kit.waitFor(90) { kit.runAllowingFailure(new File('.'), ['kill', '-0', dockerPid]).exitCode != 0 &&
                kit.runAllowingFailure(new File('.'), ['pgrep', '-f', 'docker/containerd/containerd.toml']).exitCode != 0 }: 'the old engine is gone'
        kit.run(new File('.'), ['bash', '-c', 'setsid nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &'])
    }
    assert kit.waitFor(90) { engineAnswers() }: 'the engine is back'
}
return true
