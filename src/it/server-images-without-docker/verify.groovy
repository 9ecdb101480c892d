// Server images on a machine with no docker command: kube:package builds them through the Engine API of the engine it
// uses anyway, for a tree shaped like Kubernetes 1.20 (docker build, save -o, rmi) and one shaped like 1.29-1.34
// (buildx build --output type=docker,dest=..., with a builder set up and removed). Maven runs with PATH set to a folder
// of links to every program but docker. Each image archive in the server tarball must load into the engine under the
// tag the release names and run its binary; no image the builds made stays in the engine.
import io.github.kubemaven.it.ItSupport
import java.nio.file.Files
import java.nio.file.LinkOption

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File fixtures = new File(fixtureDir).parentFile

File bin = new File(basedir, 'bin-without-docker')
bin.deleteDir()
bin.mkdirs()
['/usr/bin', '/bin', '/usr/sbin', '/usr/local/bin'].each { String dir ->
    (new File(dir).listFiles() ?: new File[0]).sort { it.name }.each { File program ->
        File link = new File(bin, program.name)
        if (program.name != 'docker' && program.isFile() && program.canExecute() && !Files.exists(link.toPath(), LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link.toPath(), program.toPath())
        }
    }
}
def lookUp = kit.runAllowingFailure(basedir, ['/bin/sh', '-c', 'command -v docker; command -v git; command -v rsync'], [PATH: bin.path])
assert !lookUp.output.readLines().any { it.endsWith('/docker') } && lookUp.output.contains("${bin.path}/rsync"):
        "PATH still finds docker, or no rsync: ${lookUp.output}"

// a base image of this test's own: whatever is built on it carries its label, so that what the builds leave is found
// without touching anything else in the engine
String label = 'io.github.kubemaven.it'
String mark = 'server-images-without-docker'
String base = 'kube-mvn-it/server-images-without-docker-base:1'
if (kit.runAllowingFailure(basedir, ['docker', 'image', 'inspect', base]).exitCode != 0) {
    kit.run(basedir, ['bash', '-c', "tar -cf - --files-from /dev/null | docker import -c 'LABEL ${label}=${mark}' - ${base}".toString()])
}
String baseId = kit.docker('image', 'inspect', '--format', '{{.Id}}', base)
def leftOver = { ->
    kit.docker('images', '-a', '-q', '--no-trunc', '--filter', "label=${label}=${mark}").readLines().findAll { it && it != baseId }.unique()
}
leftOver().each { kit.docker('rmi', '-f', it) }

Map<String, String> environment = [PATH: bin.path, JAVA_HOME: System.getenv('JAVA_HOME') ?: System.getProperty('java.home'),
                                   KUBE_APISERVER_BASE_IMAGE: base, KUBE_PROXY_BASE_IMAGE: base, KUBE_BUILD_SETCAP_IMAGE: base]

def packageTree = { String name, String fixture, String tag, String registry, List<String> wrapped ->
    File tree = new File(basedir, name)
    tree.deleteDir()
    kit.freshTree(new File(fixtures, fixture), tree, tag)
    wrapped.each { String binary ->
        String image = "${registry}/${binary}-amd64:${tag}"
        if (kit.runAllowingFailure(basedir, ['docker', 'image', 'inspect', image]).exitCode == 0) {
            kit.docker('rmi', image)
        }
    }
    def result = kit.runAllowingFailure(tree, kit.mavenCommand(localRepositoryPath, settings, plugin + ':package',
            ['-Dkube.platforms=linux/amd64', '-Dkube.release.images=true']), environment)
    new File(basedir, name + '.log').text = result.output
    assert result.exitCode == 0: "${name}: ${result.output}"
    def way = result.output.readLines().findAll { it.contains('Server images are built ') }
    assert way.size() == 1 && way[0].contains('Server images are built through the Engine API of ') &&
            way[0].endsWith(', as this machine has no docker command.'): "${name}: ${way}"
    assert leftOver().isEmpty(): "${name}: images left in the engine: ${leftOver()}"

    File tars = new File(tree, '_output/release-tars')
    String server = 'kubernetes-server-linux-amd64.tar.gz'
    List<String> listing = kit.run(tars, ['tar', '-tzf', server]).readLines()
    File unpacked = new File(basedir, name + '-server')
    unpacked.deleteDir()
    unpacked.mkdirs()
    wrapped.each { String binary ->
        String image = "${registry}/${binary}-amd64:${tag}"
        String archive = "kubernetes/server/bin/${binary}.tar"
        assert listing.contains(archive) && listing.contains("kubernetes/server/bin/${binary}.docker_tag".toString()): "${name}: ${listing}"
        assert kit.run(tars, ['tar', '-xzOf', server, "kubernetes/server/bin/${binary}.docker_tag".toString()]).trim() == tag
        assert kit.runAllowingFailure(basedir, ['docker', 'image', 'inspect', image]).exitCode != 0: "${name}: ${image} stayed in the engine"
        kit.run(unpacked, ['tar', '-xzf', new File(tars, server).path, archive])
        File saved = new File(unpacked, archive)
        String manifest = kit.run(unpacked, ['tar', '-xOf', saved.path, 'manifest.json'])
        assert manifest.contains("\"RepoTags\":[\"${image}\"]"): "${name}: ${manifest}"
        assert kit.docker('load', '-i', saved.path).readLines().contains('Loaded image: ' + image)
        try {
            assert kit.docker('image', 'inspect', '--format', "{{index .Config.Labels \"${label}\"}}", image) == mark: 'built on the base named'
            assert kit.docker('run', '--rm', image, '/usr/local/bin/' + binary, '--version').contains("GitVersion:\"${tag}\"")
        } finally {
            kit.docker('rmi', image)
        }
    }
    assert leftOver().isEmpty(): "${name}: images left in the engine after loading the archives: ${leftOver()}"
}

packageTree('tree-1.20', 'fixture-tree', 'v1.7.3', 'k8s.gcr.io', ['kube-apiserver'])
packageTree('tree-1.33', 'fixture-tree-1.33', 'v1.98.0-alpha.2', 'registry.k8s.io', ['kube-apiserver', 'kube-proxy'])

// with the server images left out (the default), a release asks for no docker at all
File tree133 = new File(basedir, 'tree-1.33')
def plain = kit.runAllowingFailure(tree133, kit.mavenCommand(localRepositoryPath, settings, plugin + ':package',
        ['-Dkube.platforms=linux/amd64']), environment)
new File(basedir, 'tree-1.33-no-images.log').text = plain.output
assert plain.exitCode == 0: plain.output
assert !plain.output.contains('Server images are built '): plain.output
List<String> serverBin = kit.run(new File(tree133, '_output/release-tars'), ['tar', '-tzf', 'kubernetes-server-linux-amd64.tar.gz'])
        .readLines().findAll { it.startsWith('kubernetes/server/bin/') }
assert serverBin.contains('kubernetes/server/bin/kube-apiserver') && !serverBin.any { it.endsWith('.tar') }: serverBin
return true
