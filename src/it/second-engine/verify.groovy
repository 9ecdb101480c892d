import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
Properties second = kit.secondEngine()
Properties sums = new Properties()
new File(basedir, 'kubectl-sha256.properties').withInputStream { sums.load(it) }
assert sums.tls == sums.local: 'over TCP+TLS the second engine builds the same kubectl'
assert sums.ssh == sums.local: 'over ssh too'
assert sums.context == sums.local: 'and through the docker context'

def log = { String name -> new File(basedir, name + '.log').text }
assert log('local').contains("ID ${second.LOCAL_ENGINE_ID}) at unix:///var/run/docker.sock (from the default socket)")
assert log('tls').contains("ID ${second.SECOND_ENGINE_ID}) at ${second.SECOND_ENGINE_TCP} (from DOCKER_HOST)")
assert log('ssh').contains("ID ${second.SECOND_ENGINE_ID}) at ${second.SECOND_ENGINE_SSH} (from DOCKER_HOST)"): 'ssh reaches the namespaced engine, not the local one'
assert log('context').contains("ID ${second.SECOND_ENGINE_ID}) at ${second.SECOND_ENGINE_TCP} (from docker context ${second.SECOND_ENGINE_CONTEXT}")
['tls', 'ssh', 'context'].each { name ->
    assert log(name) =~ /Syncing (sources|\d+ changed files?) to container/ && log(name).contains('BUILD SUCCESS')
    assert !log(name).contains('[ERROR]'): "${name}: no error lines"
}
String hash = kit.treeHash(log('tls'))
assert new File(basedir, 'after-builds.txt').text.readLines().any { it.startsWith("container kube-mvn-data-${hash}") }: 'the builds ran on the second engine'

String bind = log('bind')
assert bind.contains('kube.sync=bind mounts this tree into the build container, but the Docker engine at ' + second.SECOND_ENGINE_TCP)
assert !bind.contains('Building Docker image') && !bind.contains('Syncing'): 'refused before anything starts'
assert !bind.readLines().any { it.startsWith('\tat ') }: 'no stack trace'
assert log('port').contains('kube.rsyncTransport=port (or kube.rsyncPort) publishes the rsync daemon')

assert log('clean').contains('BUILD SUCCESS')
assert new File(basedir, 'after-clean.txt').text.trim().isEmpty(): 'kube:clean leaves nothing of the tree on the second engine'
assert kit.containersOf(hash).any { it.startsWith('kube-mvn-data-') }: 'the local engine keeps its own data container'
return true
