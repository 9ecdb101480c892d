// Two platforms spread over two engines, the local one and a second one in a network namespace of its own over
// TCP+TLS: each builds its share in its own containers, and the binaries are byte for byte those of a one-engine build.
// kube:package spreads make cross and packages the same tarballs. An engine whose share fails is named with its platforms and the other's share is stopped; with kube.engineRetry
// the failed share is built again on the engine that worked.
import io.github.kubemaven.it.ItSupport
import java.util.concurrent.TimeUnit

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
Properties second = kit.freshTreeOnBothEngines(new File(fixtureDir), tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
String hash = kit.expectedTreeHash(tree)
String local = 'unix:///var/run/docker.sock'
String remote = second.SECOND_ENGINE_TCP
Map<String, String> tls = [DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: second.SECOND_ENGINE_CERT_PATH]
List<String> twoPlatforms = ['-Dkube.platforms=linux/amd64 linux/arm64', '-Dkube.what=cmd/kubectl']
List<String> twoEngines = ["-Dkube.engines=${local} ${remote}".toString()]
def kubectl = { String platform -> new File(tree, "_output/dockerized/bin/${platform}/kubectl") }
def sums = { -> ['linux/amd64', 'linux/arm64'].collectEntries { [(it): kit.sha256(kubectl(it))] } }
def running = { -> kit.containersOf(hash, true) + kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'ps', '--format', '{{.Names}}',
        '--filter', "label=${kit.TREE_LABEL}=${hash}").readLines().findAll { it } }

def oneEngine = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', twoPlatforms)
new File(basedir, 'one-engine.log').text = oneEngine.output
assert oneEngine.exitCode == 0: oneEngine.output
Map<String, String> alone = sums()

new File(tree, '_output/dockerized/bin').deleteDir()
def spread = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', twoPlatforms + twoEngines + ['-Dkube.force=true'], tls)
new File(basedir, 'two-engines.log').text = spread.output
assert spread.exitCode == 0: spread.output
assert spread.output =~ /Engine unix:\/\/\/var\/run\/docker.sock builds linux\/(amd64|arm64)\n/
assert spread.output =~ /Engine tcp:\/\/[0-9.]+:2376 builds linux\/(amd64|arm64)\n/
assert spread.output.contains("[${remote}] Docker engine")
assert spread.output =~ /\[tcp:\/\/[0-9.]+:2376\] Phase command: /
assert spread.output =~ /Engine tcp:\/\/[0-9.]+:2376: linux\/(amd64|arm64) built in [0-9.]+ s/
assert sums() == alone: 'each platform byte for byte as one engine builds it'
List<String> left = running()
assert left.isEmpty(): "nothing of the build runs on either engine: ${left}"
assert new File(tree, '_output/kube-maven/platform-seconds.properties').isFile()

/** Runs a command spread over both engines and kills the second engine's build container while it runs. */
def killedOnSecond = { String name, List<String> extra ->
    File log = new File(basedir, name + '.log')
    List<String> properties = twoPlatforms + twoEngines + extra + ['-Dkube.command=make WHAT=cmd/kubectl BUILD_DELAY=20']
    def builder = new ProcessBuilder(kit.mavenCommand(localRepositoryPath, settings, plugin + ':run', properties))
            .directory(tree).redirectErrorStream(true).redirectOutput(log)
    builder.environment().putAll(tls)
    def process = builder.start()
    try {
        assert kit.waitFor(240) {
            kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'ps', '--format', '{{.Names}}').readLines().any { it.startsWith("kube-mvn-build-${hash}") }
        }: log.text
        String container = kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'ps', '--format', '{{.Names}}').readLines()
                .find { it.startsWith("kube-mvn-build-${hash}") }
        kit.dockerOn(second.SECOND_ENGINE_SOCKET, 'kill', container)
        assert process.waitFor(300, TimeUnit.SECONDS): log.text
        return [exitCode: process.exitValue(), output: log.text]
    } finally {
        process.destroyForcibly()
    }
}

def failed = killedOnSecond('share-fails', [])
assert failed.exitCode != 0: failed.output
assert failed.output =~ /On engine tcp:\/\/[0-9.]+:2376, building linux\/(amd64|arm64): 'make WHAT=cmd\/kubectl BUILD_DELAY=20' failed with exit code 137/: failed.output
assert failed.output =~ /Engine unix:\/\/\/var\/run\/docker.sock: linux\/(amd64|arm64) stopped in /: failed.output
left = running()
assert left.isEmpty(): "the other engine's share stopped too: ${left}"

def retried = killedOnSecond('share-retried', ['-Dkube.engineRetry=true'])
assert retried.exitCode == 0: retried.output
assert retried.output =~ /Engine tcp:\/\/[0-9.]+:2376 failed \(.*\); building linux\/(amd64|arm64) on unix:\/\/\/var\/run\/docker.sock \(kube.engineRetry\)/
assert sums() == alone: 'the moved share builds the same bytes'
assert running().isEmpty()

// an edited source after the shares changed hands: each engine brings back only the platforms it built now, never a
// binary its volume kept from the share it had before
File source = new File(tree, 'cmd/kubectl/kubectl.go')
source.text = source.text.replace('kubectl: pod', 'kubectl (edited): pod')
def edited = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', twoPlatforms + twoEngines, tls)
new File(basedir, 'edited.log').text = edited.output
assert edited.exitCode == 0: edited.output
['linux/amd64', 'linux/arm64'].each { platform ->
    assert new String(kubectl(platform).bytes, 'ISO-8859-1').contains('kubectl (edited): pod'): "${platform} was built from the edited source"
}

// the spread build is recorded like any other: run again unchanged, it is up to date without a container on either engine
def again = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', twoPlatforms + twoEngines, tls)
assert again.exitCode == 0: again.output
assert again.output.contains('Up to date: nothing changed since the last successful'): again.output
assert !again.output.contains('Phase command'): again.output

// kube:package spreads make cross the same way, and its tarballs are byte for byte those of a one-engine package
File releaseTars = new File(tree, '_output/release-tars')
def packaged = { String name, List<String> extra, Map<String, String> environment ->
    new File(tree, '_output/dockerized/bin').deleteDir()
    releaseTars.deleteDir()
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':package',
            ['-Dkube.platforms=linux/amd64 linux/arm64', '-Dkube.force=true'] + extra, environment)
    new File(basedir, name + '.log').text = result.output
    assert result.exitCode == 0: result.output
    return releaseTars.listFiles().findAll { it.name.endsWith('.tar.gz') }.collectEntries { [(it.name): kit.sha256(it)] }
}
Map<String, String> packagedAlone = packaged('package-one-engine', [], [:])
Map<String, String> packagedSpread = packaged('package-two-engines', twoEngines, tls)
assert packagedAlone.size() >= 8: packagedAlone
assert packagedSpread == packagedAlone: 'every release tarball byte for byte as one engine packages it'
String spreadLog = new File(basedir, 'package-two-engines.log').text
assert spreadLog =~ /Engine tcp:\/\/[0-9.]+:2376: linux\/(amd64|arm64) built in [0-9.]+ s/: spreadLog
assert spreadLog =~ /Engine unix:\/\/\/var\/run\/docker.sock: linux\/(amd64|arm64) built in [0-9.]+ s/: spreadLog
assert running().isEmpty()

def clean = kit.maven(tree, localRepositoryPath, settings, plugin + ':clean', twoEngines, tls)
assert clean.exitCode == 0: clean.output
assert kit.everythingOf(second.SECOND_ENGINE_SOCKET, hash).findAll { !it.startsWith('image ') || it.contains("-${hash}-") }.isEmpty():
        "kube:clean with kube.engines leaves nothing of the tree on the second engine: ${kit.everythingOf(second.SECOND_ENGINE_SOCKET, hash)}"
return true
