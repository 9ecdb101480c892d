import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log.contains("'make WHAT=cmd/kubectl' failed with exit code 2")
assert log.contains('undefined: thisDoesNotExist')
assert log.contains("run 'mvn kube:shell' in ")
assert log.contains('and then: make WHAT=cmd/kubectl')
assert !log.contains('Syncing out of container'): 'a failed build copies nothing out'
String hash = kit.treeHash(log)
assert kit.containersOf(hash, true).isEmpty(): 'no container of the tree is left running'
assert kit.containersOf(hash).every { it.startsWith('kube-mvn-data-') }
return true
