import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
String log = new File(basedir, 'run.log').text
File types = new File(tree, 'pkg/apis/core/types.go')
assert types.text.endsWith('// edited while the build ran\n'): 'the edit is still in the tree'
assert log.contains('[WARNING] Left pkg/apis/core/types.go as it is in the tree: it changed after the build read it.'): log
File kept = new File(tree, '_output/kube-maven/kept/pkg/apis/core/types.go')
assert kept.isFile() && !kept.text.contains('edited while the build ran'): 'the container\'s copy is kept aside'
assert new File(tree, 'pkg/apis/core/zz_generated.deepcopy.go').isFile(): 'a generated file the user did not touch comes out'
assert new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').canExecute(): 'the binary comes out'
assert kit.run(tree, ['git', 'status', '--porcelain']).readLines() == [' M pkg/apis/core/types.go']: 'nothing but the edit shows in git'
assert kit.containersOf(kit.treeHash(log), true).isEmpty()
return true
