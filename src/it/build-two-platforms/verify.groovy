import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
File bin = new File(basedir, '_output/dockerized/bin')

assert kit.elfMachine(new File(bin, 'linux/amd64/kubectl')) == 62
assert kit.elfMachine(new File(bin, 'linux/amd64/kube-apiserver')) == 62
assert kit.elfMachine(new File(bin, 'linux/arm64/kubectl')) == 183
assert kit.elfMachine(new File(bin, 'linux/arm64/kube-apiserver')) == 183
assert !new File(bin, 'linux/amd64/kubelet').exists(): 'WHAT limits what is built'

String head = kit.run(basedir, ['git', 'rev-parse', 'HEAD']).trim()
String version = kit.run(basedir, [new File(bin, 'linux/amd64/kubectl').path, 'version'])
assert version.contains('GitVersion:"v1.5.0"'): version
assert version.contains("GitCommit:\"${head}\""): version
assert version.contains('GitTreeState:"clean"'): version
assert version.contains('BuildDate:"2021-01-18T20:00:00Z"'): "SOURCE_DATE_EPOCH defaults to the commit time: ${version}"

assert !new File(basedir, '.dockerized-kube-version-defs').exists(): 'no file of the plugin at the top of the tree'
String defs = new File(basedir, '_output/kube-maven/version-defs').text
assert defs.contains("KUBE_GIT_COMMIT='${head}'")
assert defs.contains("KUBE_GIT_VERSION='v1.5.0'")
assert defs.contains("KUBE_GIT_MINOR='5'")

assert new File(basedir, 'pkg/apis/core/zz_generated.deepcopy.go').text.contains('func (in *Pod) DeepCopy() *Pod')

File context = new File(basedir, '_output/images').listFiles().find { it.name.startsWith('kube-mvn-build:build-') }
assert context != null
assert context.list().toList().toSorted() == ['Dockerfile', 'localtime', 'rsyncd.password', 'rsyncd.sh']
assert new File(context, 'rsyncd.password').text.startsWith('no password here'): 'the image gets a placeholder, never the password'

String hash = kit.treeHash(log)
assert hash == kit.expectedTreeHash(basedir): "the plugin names the tree as upstream hashes it"
assert kit.containersOf(hash, true).isEmpty(): 'no container of the tree is left running'
assert kit.containersOf(hash) == ["kube-mvn-data-${hash}-1-v1.19.8-1".toString()]
assert log.contains('Phase total:')
assert !(log =~ /(?m)^\[(INFO|WARNING|ERROR)\] .*\u001B/): 'no terminal escapes in what the plugin logs'
return true
