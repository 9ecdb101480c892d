// An edit saved while the build runs survives the copy-out; what the user did not touch comes out as before.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File logFile = new File(basedir, 'run.log')
def command = kit.mavenCommand(localRepositoryPath, settings, plugin + ':run',
        ['-Dkube.command=make WHAT=cmd/kubectl BUILD_DELAY=15', '-Dkube.platforms=linux/amd64'])
def process = new ProcessBuilder(command).directory(tree).redirectErrorStream(true).redirectOutput(logFile).start()
try {
    assert kit.waitFor(180) { logFile.text.contains('Running build command') }: logFile.text
    File types = new File(tree, 'pkg/apis/core/types.go')
    types.text = types.text + '\n// edited while the build ran\n'
    assert process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS): 'the run ends'
    assert process.exitValue() == 0: logFile.text
} finally {
    process.destroyForcibly()
}
return true
