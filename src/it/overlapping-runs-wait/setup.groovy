// Two runs on one tree that overlap: the second waits for the first, and both succeed.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
String hash = kit.expectedTreeHash(tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File firstLog = new File(basedir, 'first.log')
File secondLog = new File(basedir, 'second.log')
def first = new ProcessBuilder(kit.mavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=sleep 20']))
        .directory(tree).redirectErrorStream(true).redirectOutput(firstLog).start()
def second = null
try {
    assert kit.waitFor(180) { firstLog.text.contains('Running build command: sleep 20') }: firstLog.text
    Thread.sleep(6000)
    List<String> runningWhenSecondStarts = kit.containersOf(hash, true)
    assert runningWhenSecondStarts.any { it.startsWith('kube-mvn-build-') }: "the first run's command still runs: ${runningWhenSecondStarts}"
    second = new ProcessBuilder(kit.mavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=true', '-Dkube.lockTimeout=120']))
            .directory(tree).redirectErrorStream(true).redirectOutput(secondLog).start()
    assert kit.waitFor(60) { secondLog.text.contains('Waiting for the lock of') }: secondLog.text
    assert first.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)
    assert second.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)
    assert first.exitValue() == 0: firstLog.text
    assert second.exitValue() == 0: secondLog.text
} finally {
    first.destroyForcibly()
    second?.destroyForcibly()
}

// a run that waits too long gives up with a clear message
File thirdLog = new File(basedir, 'third.log')
def holder = new ProcessBuilder(kit.mavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=sleep 15']))
        .directory(tree).redirectErrorStream(true).redirectOutput(thirdLog).start()
try {
    assert kit.waitFor(120) { thirdLog.text.contains('Running build command: sleep 15') }: thirdLog.text
    def impatient = kit.maven(tree, localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=true', '-Dkube.lockTimeout=2'])
    new File(basedir, 'impatient.log').text = impatient.output
    assert impatient.exitCode != 0
    assert impatient.output.contains("Another run still holds the lock of ${tree.canonicalPath} after 2 s: pid ${holder.pid()}"): impatient.output
    assert holder.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && holder.exitValue() == 0: thirdLog.text
} finally {
    holder.destroyForcibly()
}
return true
