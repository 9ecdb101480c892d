// kube.registryServerId: the cross image is pulled from a private registry (Debian's docker-registry, htpasswd
// login, on a port of 127.0.0.1) with the <server> of settings.xml, its password encrypted with a master password.
// Without the login the pull is refused and the run says so; with it the build succeeds, and no log shows the password.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
File itSettings = new File(basedir.parentFile, 'interpolated-settings.xml')
String outerMaven = "${System.getProperty('maven.home')}/bin/mvn"
String user = 'kube-it'
String password = 'Reg1stry-Pa55-' + UUID.randomUUID().toString().substring(0, 8)

int port = new ServerSocket(0).withCloseable { it.localPort }
String registry = "127.0.0.1:${port}"
File config = kit.registryConfig(basedir, registry, user, password)
File registryLog = new File(basedir, 'registry.log')
Process server = new ProcessBuilder('docker-registry', 'serve', config.path).redirectErrorStream(true)
        .redirectOutput(registryLog).start()
String pulledImage = "${registry}/kube-it/kube-cross:${crossTag}"
File dockerConfig = new File(basedir, 'docker-config')
try {
    assert kit.waitFor(30) {
        try {
            def connection = new URL("http://${registry}/v2/").openConnection()
            return connection.responseCode == 401
        } catch (IOException ignored) {
            return false
        }
    }: "the registry answers with a login challenge: ${registryLog.text}"

    dockerConfig.mkdirs()
    Map<String, String> ownConfig = ['DOCKER_CONFIG': dockerConfig.path]
    kit.docker('tag', "${crossImage}:${crossTag}".toString(), pulledImage)
    def login = new ProcessBuilder('docker', 'login', registry, '-u', user, '--password-stdin').redirectErrorStream(true)
    login.environment().putAll(ownConfig)
    Process loggingIn = login.start()
    loggingIn.outputStream.withWriter { it << password }
    String loginOutput = loggingIn.inputStream.text
    assert loggingIn.waitFor() == 0: loginOutput
    kit.run(basedir, ['docker', 'push', pulledImage], ownConfig)
    kit.run(basedir, ['docker', 'logout', registry], ownConfig)
    kit.docker('rmi', pulledImage)

    def encryptMaster = kit.run(basedir, [outerMaven, '-B', '--encrypt-master-password', 'it-master-password'])
    File security = new File(basedir, 'settings-security.xml')
    security.text = "<settingsSecurity><master>${(encryptMaster =~ /\{[^}]+\}/)[0]}</master></settingsSecurity>\n"
    String encrypted = (kit.run(basedir, [outerMaven, '-B', "-Dsettings.security=${security.path}".toString(), '--encrypt-password', password]) =~ /\{[^}]+\}/)[0]
    assert encrypted != password
    File settings = new File(basedir, 'settings-with-server.xml')
    settings.text = itSettings.text.replace('</settings>', """<servers>
    <server><id>kube-it-registry</id><username>${user}</username><password>${encrypted}</password></server>
  </servers>
</settings>""")

    List<String> build = ["-Dsettings.security=${security.path}".toString(), "-Dkube.crossImage=${registry}/kube-it/kube-cross".toString(),
                          '-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']
    def refused = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', build)
    new File(basedir, 'build-without-login.log').text = refused.output
    assert refused.exitCode != 0: 'without a login the registry refuses the pull'
    assert refused.output.contains("The cross image ${pulledImage} is not in the Docker engine and could not be pulled"): refused.output

    def unknown = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', build + ['-Dkube.registryServerId=no-such-server'])
    new File(basedir, 'build-unknown-server.log').text = unknown.output
    assert unknown.exitCode != 0
    assert unknown.output.contains("kube.registryServerId is 'no-such-server', but settings.xml has no <server> with that id."): unknown.output
    assert !unknown.output.contains('Pulling'): 'a bad server id is refused before anything is pulled'

    long registryLogBefore = registryLog.length()
    def built = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', build + ['-Dkube.registryServerId=kube-it-registry', '-X'])
    new File(basedir, 'build-with-login.log').text = built.output
    assert built.exitCode == 0: built.output
    assert built.output.contains("Pulling cross image ${pulledImage} as ${user} (settings.xml server kube-it-registry)"): built.output
    assert new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').isFile()
    assert kit.docker('image', 'inspect', '--format', '{{.Id}}', pulledImage).startsWith('sha256:')
    String pullRequests = registryLog.text.substring((int) registryLogBefore)
    assert pullRequests.readLines().any { it =~ /"(GET|HEAD) \/v2\/kube-it\/kube-cross\/manifests\/[^"]*" 200 / && it.contains('UpstreamClient(Apache-HttpClient') }:
            "the registry, which answers nothing without a login, served the manifest to the plugin's pull: ${pullRequests}"
    [refused, unknown, built].each { run ->
        assert !run.output.contains(password): 'no log shows the registry password, even at debug level'
    }
    def found = kit.runAllowingFailure(tree, ['grep', '-rl', password, '_output'])
    assert found.exitCode == 1: "no record under _output keeps the registry password: ${found.output}"
} finally {
    server.destroy()
    server.waitFor()
    kit.runAllowingFailure(basedir, ['docker', 'rmi', '-f', pulledImage])
}
return true
