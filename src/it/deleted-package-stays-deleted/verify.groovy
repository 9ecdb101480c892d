import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
String log = new File(basedir, 'build.log').text
assert log.contains('Removing pkg/apis/extra/zz_generated.deepcopy.go from the build volume: its package left the tree'): log
assert !new File(tree, 'pkg/apis/extra').exists(): 'the deleted package stays deleted'
String hash = kit.treeHash(log)
String data = kit.containersOf(hash).find { it.startsWith('kube-mvn-data-') }
String image = kit.docker('inspect', '--format', '{{.Config.Image}}', data)
String listing = kit.docker('run', '--rm', '--volumes-from', data, image, 'ls', '-A', '/go/src/k8s.io/kubernetes/pkg/apis')
assert !listing.readLines().contains('extra'): "the volume no longer holds the package: ${listing}"

// the incremental build equals a clean build of the same commit
byte[] incremental = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').bytes
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
def clean = kit.maven(tree, localRepositoryPath, settings, plugin + ':clean', [])
assert clean.exitCode == 0: clean.output
def fresh = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'clean-build.log').text = fresh.output
assert fresh.exitCode == 0: fresh.output
assert new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').bytes == incremental: 'same kubectl as a clean build'
assert kit.run(tree, ['git', 'status', '--porcelain']).isEmpty(): 'the tree is as committed'
return true
