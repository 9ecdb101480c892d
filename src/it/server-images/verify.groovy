import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log.contains('not byte-for-byte reproducible')
File tars = new File(basedir, '_output/release-tars')
String listing = kit.run(tars, ['tar', '--numeric-owner', '-tvzf', 'kubernetes-server-linux-amd64.tar.gz'])
assert listing.contains('kubernetes/server/bin/kube-apiserver.tar')
assert listing.contains('kubernetes/server/bin/kube-apiserver.docker_tag')
assert kit.run(tars, ['tar', '-xzOf', 'kubernetes-server-linux-amd64.tar.gz', 'kubernetes/server/bin/kube-apiserver.docker_tag']).trim() == 'v1.7.0'
File unpacked = new File(basedir, 'target/server')
unpacked.mkdirs()
kit.run(unpacked, ['tar', '-xzf', new File(tars, 'kubernetes-server-linux-amd64.tar.gz').path, 'kubernetes/server/bin/kube-apiserver.tar'])
String loaded = kit.docker('load', '-i', new File(unpacked, 'kubernetes/server/bin/kube-apiserver.tar').path)
assert loaded.contains('k8s.gcr.io/kube-apiserver-amd64:v1.7.0'): loaded
kit.docker('rmi', 'k8s.gcr.io/kube-apiserver-amd64:v1.7.0')
return true
