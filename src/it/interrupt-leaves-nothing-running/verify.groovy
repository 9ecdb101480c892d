import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log.contains('Reusing data container'): 'the data container survives Ctrl-C, as intended'
assert new File(basedir, '_output/dockerized/bin/linux/amd64/kubectl').canExecute(): 'the next run works'
assert kit.containersOf(kit.treeHash(log), true).isEmpty()
return true
