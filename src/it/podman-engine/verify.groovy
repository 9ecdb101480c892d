import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String podman = 'unix:///run/podman/podman.sock'
Properties sums = new Properties()
new File(basedir, 'kubectl-sha256.properties').withInputStream { sums.load(it) }
assert sums.podman == sums.local: 'Podman builds the same kubectl as the local Docker engine'
assert sums.copied == sums.local: 'kube:copy-output brings it back from Podman'

def log = { String name -> new File(basedir, name + '.log').text }
assert log('podman-build') =~ /Docker engine .* at unix:\/\/\/run\/podman\/podman.sock \(from DOCKER_HOST\)/
assert log('podman-build').contains('Building Docker image') && log('podman-build').contains('Creating data container')
assert log('run').contains('go version go1.')
String uid = kit.run(new File('.'), ['id', '-u']).trim()
assert log('shell').readLines().any { it.trim() == "[INFO] ${uid}".toString() }: 'the shell runs as the user'
assert log('shell').contains('Makefile')
['podman-build', 'run', 'shell', 'copy-output'].each { name -> assert !log(name).contains('[ERROR]'): "${name}: no error lines" }

assert new File(basedir, 'running-after-interrupt.txt').text.trim().isEmpty(): 'Ctrl-C leaves nothing running'
List<String> left = new File(basedir, 'left-after-interrupt.txt').text.readLines().findAll { it.startsWith('container ') }
assert left.every { it.startsWith('container kube-mvn-data-') }: "only the data container stays: ${left}"

assert log('podman-build').contains('BUILD SUCCESS')
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
String hash = kit.treeHash(log('podman-build'))
assert kit.everythingOf(podman, hash).isEmpty(): "kube:clean leaves nothing of the tree in Podman: ${kit.everythingOf(podman, hash)}"
return true
