import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.copyFixture(new File(fixtureDir), basedir)
kit.commitAll(basedir)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File logFile = new File(basedir, 'interrupted.log')
def command = kit.interruptibleMavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=sleep 600'])
def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).redirectOutput(logFile).start()
try {
    assert kit.waitFor(180) { logFile.text.contains('Running build command: sleep 600') }: logFile.text
    String hash = kit.treeHash(logFile.text)
    assert kit.waitFor(30) { kit.containersOf(hash, true).any { name -> name.startsWith('kube-mvn-build-') } }
    kit.run(basedir, ['kill', '-INT', Long.toString(process.pid())])
    assert process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS): 'Maven ends on Ctrl-C'
    String interrupted = logFile.text
    assert interrupted =~ /\[WARNING\] Interrupted: removed the containers? [^\n]*kube-mvn-build-${hash}-[^\n]* this run had started/: interrupted
    assert !interrupted.contains('Recoverable I/O exception') && !interrupted.contains('AsynchronousCloseException'): 'no library line'
    assert kit.containersOf(hash, true).isEmpty(): "still running after Ctrl-C: ${kit.containersOf(hash, true)}"
    assert kit.containersOf(hash).every { name -> name.startsWith('kube-mvn-data-') }
} finally {
    process.destroyForcibly()
}
return true
