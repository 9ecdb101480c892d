import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
File tree = new File(basedir, 'tree')
List<String> runs = log.split(/BUILD SUCCESS/).toList()
assert runs.size() == 3
assert runs[0].contains('(kube.sync=bind): make WHAT=cmd/kubectl')
assert !log.contains('Syncing') && !(log =~ /(Creating|Reusing) data container/): 'no rsync, no data container'
assert runs[1].contains('Up to date')

File kubectl = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')
assert kit.elfMachine(kubectl) == 62
assert kit.run(tree, [kubectl.path, 'version']).contains('GitVersion:"v1.5.0"')
assert new File(tree, 'pkg/apis/core/zz_generated.deepcopy.go').exists()
assert !new File(tree, '.cache').exists(): 'nothing lands in the tree outside _output and generated files'
String uid = kit.run(tree, ['id', '-u']).trim()
assert kit.run(tree, ['stat', '-c', '%u', kubectl.path]).trim() == uid: 'results belong to the user'
String hash = kit.treeHash(log)
assert kit.containersOf(hash).isEmpty(): 'bind mode leaves no container at all'
return true
