// One tree built on the local engine and on a second engine that stands for a remote one (its own network namespace,
// reached over TCP+TLS, over ssh, and through a docker context): the same kubectl every time, byte for byte; rsync
// runs over the Engine API, as nothing the second engine publishes is in reach. Bind mode and the published-port
// transport are refused there before anything starts, and kube:clean leaves nothing of the tree on it.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
Properties second = kit.freshTreeOnBothEngines(new File(fixtureDir), tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File kubectl = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')

def goal = { String name, String goal, List<String> properties, Map<String, String> environment ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':' + goal, properties, environment)
    new File(basedir, name + '.log').text = result.output
    return result
}
def build = { String name, Map<String, String> environment ->
    kubectl.delete()
    def result = goal(name, 'build', ['-Dkube.force=true'], environment)
    assert result.exitCode == 0: result.output
    return kit.sha256(kubectl)
}

Map<String, String> overTls = [DOCKER_HOST: second.SECOND_ENGINE_TCP, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: second.SECOND_ENGINE_CERT_PATH]
Properties sums = new Properties()
sums.local = build('local', [:])
sums.tls = build('tls', overTls)
sums.ssh = build('ssh', [DOCKER_HOST: second.SECOND_ENGINE_SSH])
sums.context = build('context', [DOCKER_CONTEXT: second.SECOND_ENGINE_CONTEXT])
new File(basedir, 'kubectl-sha256.properties').withOutputStream { sums.store(it, null) }
new File(basedir, 'after-builds.txt').text = kit.everythingOf(second.SECOND_ENGINE_SOCKET, kit.expectedTreeHash(tree)).join('\n')

assert goal('bind', 'build', ['-Dkube.sync=bind'], overTls).exitCode != 0
assert goal('port', 'build', ['-Dkube.rsyncPort=18730'], overTls).exitCode != 0
assert goal('clean', 'clean', [], overTls).exitCode == 0
new File(basedir, 'after-clean.txt').text = kit.everythingOf(second.SECOND_ENGINE_SOCKET, kit.expectedTreeHash(tree)).join('\n')
return true
