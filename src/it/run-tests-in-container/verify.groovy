import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log.contains('Running build command: make test')
assert log =~ /ok\s+k8s.io\/kubernetes\/pkg\/apis\/core/
assert !new File(basedir, 'pkg/apis/core/zz_generated.deepcopy.go').exists(): 'copyOutput=false brings nothing back'
assert kit.containersOf(kit.treeHash(log), true).isEmpty()
return true
