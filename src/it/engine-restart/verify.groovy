import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String interrupted = new File(basedir, 'interrupted.log').text
List<String> errors = interrupted.readLines().findAll { it.startsWith('[ERROR]') && !it.contains('[Help 1]') && it.trim() != '[ERROR]' &&
        !it.contains('re-run Maven') && !it.contains('Re-run Maven') && !it.contains('For more information') }
String engine = 'unix:///var/run/docker.sock (from the default socket)'
assert errors.any { it.contains("The Docker engine at ${engine} stopped while the command ran") ||
        it.contains("The Docker engine at ${engine} stopped answering during the run") ||
        it.contains("No Docker engine answers at ${engine}") }: "one line names the engine: ${errors}"
assert !interrupted.readLines().any { it.startsWith('\tat ') || it.startsWith('Caused by') }: 'no stack trace'
String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'tree/_output/dockerized/bin/linux/amd64/kubectl').canExecute(): 'the next run is green'
String hash = kit.treeHash(log)
assert kit.containersOf(hash, true).isEmpty()
assert kit.containersOf(hash).every { it.startsWith('kube-mvn-data-') }: "nothing but the data container is left: ${kit.containersOf(hash)}"
return true
