import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
Properties second = kit.secondEngine()
String silenced = new File(basedir, 'silenced.log').text
assert new File(basedir, 'exit-code.txt').text != '0'
int seconds = new File(basedir, 'ended-after-seconds.txt').text as int
assert seconds <= 120: "the run ended ${seconds} s after its engine went silent"
List<String> errors = silenced.readLines().findAll { it.startsWith('[ERROR]') && !it.contains('[Help 1]') && it.trim() != '[ERROR]' &&
        !it.contains('re-run Maven') && !it.contains('Re-run Maven') && !it.contains('For more information') }
assert errors.any { it.contains("The Docker engine at ${second.SECOND_ENGINE_TCP} (from DOCKER_HOST) stopped answering during the run") }:
        "one line names the engine: ${errors}"
assert !silenced.readLines().any { it.startsWith('\tat ') || it.startsWith('Caused by') }: 'no stack trace'
assert new File(basedir, 'running-when-it-answered.txt').text.trim().isEmpty(): 'nothing of the run was left running'
String left = new File(basedir, 'left-when-it-answered.txt').text
assert left.readLines().findAll { it.startsWith('kube-mvn-build-') }.every { it.contains('Exited (137)') }: left

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS'): 'the next run on that engine is green'
String hash = kit.treeHash(log)
List<String> after = kit.everythingOf(second.SECOND_ENGINE_SOCKET, hash).findAll { it.startsWith('container ') }
assert after.every { it.startsWith("container kube-mvn-data-") }: "the next run removed what the silenced one left: ${after}"
return true
