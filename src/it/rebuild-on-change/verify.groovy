import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
File tree = new File(basedir, 'tree')
assert log =~ /Building because (source \S+ changed|the version stamp \(a new commit, tag or tree state\) changed)/
assert log.contains('generated pkg/apis/core/zz_generated.deepcopy.go'): 'a changed API type makes its generated file again'
assert new File(tree, 'pkg/apis/core/zz_generated.deepcopy.go').text.contains('func (in *Service) DeepCopy() *Service')
String output = kit.run(tree, [new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').path])
assert output.contains('kubectl (edited): pod default/example'): output
assert kit.containersOf(kit.treeHash(log), true).isEmpty()
return true
