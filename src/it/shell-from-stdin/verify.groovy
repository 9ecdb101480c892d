import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log.contains('Syncing sources to container')
assert log =~ /(?m)^\[INFO\] kubelet\s*$/: 'the shell ran the command and listed its result'
assert !new File(basedir, '_output/dockerized/bin').exists(): 'a shell copies nothing out'
assert kit.containersOf(kit.treeHash(log), true).isEmpty()
return true
