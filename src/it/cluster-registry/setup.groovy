// kube.registry on the two-node cluster: the build image goes through a private registry (Debian's docker-registry,
// htpasswd login). Node 1 builds it and pushes it as <registry>/kube-mvn-build:<context fingerprint> with the login of
// the settings.xml <server> named after the registry's host; node 2, whose engine has no build image of the tree, pulls
// it from there instead of building it, as does another checkout on node 1, and each adds a layer with its own tree's
// labels, so that kube:clean of one tree never takes another's image. The second node's engine lives in its own network namespace, where 127.0.0.1
// is its own: a second registry process there serves the same storage at the same address. A wrong password fails in
// one line naming the image; no log shows the password, even at debug level.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
Properties cluster = kit.startCluster(new File(fixtureDir).parentFile.parentFile.parentFile, 45)
File tree = new File(basedir, 'tree')
Properties second = kit.freshTreeOnBothEngines(new File(fixtureDir), tree)
File itSettings = new File(basedir.parentFile, 'interpolated-settings.xml')
File kubectl = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')
Map<String, String> kubeconfig = [KUBECONFIG: cluster.CLUSTER_KUBECONFIG]
String user = 'kube-it'
String password = 'Reg1stry-Pa55-' + UUID.randomUUID().toString().substring(0, 8)
int port = new ServerSocket(0).withCloseable { it.localPort }
String registry = "127.0.0.1:${port}"
String repository = "${registry}/kube-it"
Properties results = new Properties()

File config = kit.registryConfig(basedir, registry, user, password)
def settingsWith = { String name, String secret ->
    File settings = new File(basedir, name)
    settings.text = itSettings.text.replace('</settings>', """<servers>
    <server><id>${registry}</id><username>${user}</username><password>${secret}</password></server>
  </servers>
</settings>""")
    return settings
}
File settings = settingsWith('settings-with-server.xml', password)
File wrongSettings = settingsWith('settings-wrong-password.xml', 'not-' + password)

def goal = { String name, File settingsFile, String node, List<String> properties, File where = tree ->
    def result = kit.maven(where, localRepositoryPath, settingsFile, plugin + ':build',
            ["-Dkube.engine=k8s://kube-maven/default?node=${node}".toString(), "-Dkube.registry=${repository}".toString(),
             '-Dkube.platforms=linux/amd64'] + properties, kubeconfig)
    new File(basedir, name + '.log').text = result.output
    results[name + '.exit'] = String.valueOf(result.exitCode)
    results[name + '.left'] = kit.clusterObjectsLeft(cluster).join(' ')
    return result
}
def buildImagesOn = { String host, File of = tree -> kit.dockerOn(host, 'images', '--format', '{{.Repository}}:{{.Tag}}', '--filter',
        "label=${ItSupport.TREE_LABEL}=${kit.expectedTreeHash(of)}".toString()).readLines().findAll { it.startsWith('kube-mvn-build:') } }
File otherTree = new File(basedir, 'other-tree')
kit.freshTreeOnBothEngines(new File(fixtureDir), otherTree)

List<Process> servers = []
try {
    servers << new ProcessBuilder('docker-registry', 'serve', config.path).redirectErrorStream(true)
            .redirectOutput(new File(basedir, 'registry.log')).start()
    servers << new ProcessBuilder('ip', 'netns', 'exec', second.SECOND_ENGINE_NETNS, 'docker-registry', 'serve', config.path)
            .redirectErrorStream(true).redirectOutput(new File(basedir, 'registry-node-2.log')).start()
    ['127.0.0.1', null].each { where ->
        assert kit.waitFor(30) {
            def probe = kit.runAllowingFailure(basedir, (where == null ? ['ip', 'netns', 'exec', second.SECOND_ENGINE_NETNS] : [])
                    + ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', "http://${registry}/v2/".toString()])
            return probe.output.trim() == '401'
        }: "the registry answers with a login challenge ${where == null ? 'in the second node\'s namespace' : 'here'}"
    }

    assert goal('pushed', settings, 'kube-mvn-node-1', ['-X']).exitCode == 0
    results['pushed.kubectl'] = kit.sha256(kubectl)
    results['pushed.tags'] = kit.run(basedir, ['curl', '-s', '-u', "${user}:${password}".toString(),
            "http://${registry}/v2/kube-it/kube-mvn-build/tags/list".toString()])
    results['pushed.images-node-2'] = buildImagesOn(second.SECOND_ENGINE_SOCKET).join(' ')

    kubectl.delete()
    assert goal('pulled', settings, 'kube-mvn-node-2', ['-Dkube.force=true']).exitCode == 0
    results['pulled.kubectl'] = kit.sha256(kubectl)
    results['pulled.images-node-2'] = buildImagesOn(second.SECOND_ENGINE_SOCKET).join(' ')
    results['pulled.shared-tags-node-2'] = kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'images', '--format',
            '{{.Repository}}:{{.Tag}}', "${repository}/kube-mvn-build".toString())

    // another checkout on node 1, whose engine has the first tree's image only: it pulls, and the image it makes is its own
    assert goal('other-tree', settings, 'kube-mvn-node-1', [], otherTree).exitCode == 0
    results['other-tree.images-node-1'] = buildImagesOn('unix:///var/run/docker.sock', otherTree).join(' ')

    buildImagesOn(second.SECOND_ENGINE_SOCKET).each { kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'rmi', it) }
    goal('refused', wrongSettings, 'kube-mvn-node-2', ['-Dkube.force=true'])
    goal('refused-debug', wrongSettings, 'kube-mvn-node-2', ['-Dkube.force=true', '-X'])

    [tree, otherTree].each { cleaned ->
        assert kit.maven(cleaned, localRepositoryPath, settings, plugin + ':clean', ['-Dkube.engine=k8s://kube-maven/default'],
                kubeconfig).exitCode == 0
    }
    results['cleaned.images-node-1'] = (buildImagesOn('unix:///var/run/docker.sock') + buildImagesOn('unix:///var/run/docker.sock', otherTree)).join(' ')
} finally {
    servers.each { it.destroy(); it.waitFor() }
}
new File(basedir, 'results.properties').withOutputStream { results.store(it, null) }
new File(basedir, 'password').text = password
return true
