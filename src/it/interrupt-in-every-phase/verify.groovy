import io.github.kubemaven.it.ItSupport
import java.util.concurrent.TimeUnit

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
String root = tree.canonicalPath
String hash = kit.expectedTreeHash(tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File table = new File(basedir, 'interruptions.md')
String madeAnew = 'The last run stopped while it wrote the build volume, so its generated files are made anew this time.'

// The normal build after the five interrupted runs (invoker.properties)
String log = new File(basedir, 'build.log').text
List<String> facts = []
if (log.contains('left by an earlier run that did not end')) {
    facts << 'removed leftovers'
}
facts << (log =~ /Build image \S+ is up to date/ ? 'image up to date' : 'built the image again')
facts << (log.contains('Reusing data container') ? 'data container reused' : 'data container created, fresh volumes')
if (log.contains(madeAnew)) {
    facts << '"generated files are made anew"'
}
facts << (log.contains('BUILD SUCCESS') ? 'BUILD SUCCESS' : 'BUILD FAILURE')
table.text = table.text.replace('NEXT_RUN_OF_LAST_PHASE', facts.join('; '))

assert log.contains('BUILD SUCCESS')
assert !log.contains('left by an earlier run that did not end'): 'Ctrl-C left no rsync or build container behind'
assert log.contains('Reusing data container'): 'the build volume survives every interruption'
assert log.contains(madeAnew): 'the run interrupted during the command left the volume marked as being written'
assert new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').canExecute()
assert kit.containersOf(hash, true).isEmpty()

// Release staging: the tree's release.sh sleeps 20 s the first time (setup.groovy), under the name
// kube-it-slow-staging, inside the plugin's stage-release script; Ctrl-C there must leave no process of it.
def staging = { ->
    kit.runAllowingFailure(basedir, ['pgrep', '-af', 'stage-release']).output.readLines().findAll { it.contains(root) } +
        kit.runAllowingFailure(basedir, ['pgrep', '-af', 'kube-it-slow-staging']).output.readLines().findAll { it }
}
File tmp = new File(System.getProperty('java.io.tmpdir'))
def stagingScripts = { -> (tmp.list() ?: new String[0]).findAll { it.startsWith('kube-stage-release') } as Set }
Set<String> scriptsBefore = stagingScripts()
List<String> packageArguments = ['-Dkube.crossBuild=false', '-Dkube.tarballs=client', '-Dkube.attach=false']
File packageLog = new File(basedir, 'package-interrupted.log')
Process process = new ProcessBuilder(kit.interruptibleMavenCommand(localRepositoryPath, settings, plugin + ':package', packageArguments))
    .directory(basedir).redirectErrorStream(true).redirectOutput(packageLog).start()
List<String> working = []
List<String> left = null
Integer exitCode = null
long endedAfter = -1
Set<String> scriptsLeft = []
Map next = null
try {
    assert kit.waitFor(90) { (working = staging()).any { it.contains('kube-it-slow-staging') } }: packageLog.text
    String pid = Long.toString(process.pid())
    long signalled = System.nanoTime()
    kit.run(basedir, ['kill', '-INT', pid])
    assert process.waitFor(90, TimeUnit.SECONDS): "kube:package did not end within 90 s of SIGINT:\n${packageLog.text}"
    exitCode = process.exitValue()
    endedAfter = (System.nanoTime() - signalled).intdiv(1_000_000)
    left = staging()
    // the staging script is a temporary copy; other runs on this machine may hold copies of their own for a moment
    Thread.sleep(2000)
    scriptsLeft = stagingScripts() - scriptsBefore
    next = kit.maven(basedir, localRepositoryPath, settings, plugin + ':package', packageArguments)
    new File(basedir, 'package-next.log').text = next.output
} finally {
    process.destroyForcibly()
    String leftText = left == null ? 'not checked' : left.isEmpty() ? 'nothing' : left.join('<br>')
    if (!scriptsLeft.isEmpty()) {
        leftText += " (not running, but the temporary staging script${scriptsLeft.size() > 1 ? 's' : ''} ${scriptsLeft.join(', ')} stayed in ${tmp})"
    }
    String nextText = next == null ? 'not run' : next.exitCode == 0 ? 'BUILD SUCCESS, client tarball made' : 'BUILD FAILURE'
    table << "| release staging (`kube:package -Dkube.crossBuild=false -Dkube.tarballs=client`) | ${working.join('<br>').replace('|', '\\|')} | 1× | "
    table << "${exitCode == null ? 'no' : "exit ${exitCode}, ${endedAfter} ms after SIGINT"} | ${leftText.replace('|', '\\|')} | n/a | ${nextText} |\n"
    long started = Long.parseLong(new File(basedir, 'started-at').text.trim())
    table << "\nWhole case (setup, normal build, verify): ${(System.currentTimeMillis() - started).intdiv(1000)} s.\n"
}
assert left.isEmpty(): "still running after Ctrl-C in the release staging: ${left}"
assert exitCode != 0
assert next.exitCode == 0: next.output
assert new File(tree, '_output/release-tars/kubernetes-client-linux-amd64.tar.gz').isFile()
assert kit.containersOf(hash, true).isEmpty()
return true
