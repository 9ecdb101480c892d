// Kubernetes master's shape: no build-image Dockerfile of its own and a cross image without rsync. On an engine of
// this machine the tree is mounted into the build container, as upstream's build/run.sh does on master, with one
// line saying why; where the pipeline's rsync is asked for, and on an engine elsewhere, the data, rsync and seed
// containers run an image that adds this machine's rsync to the cross image, also said in one line. Build (in the
// container and on the host), the command tests, a shell command, test and release as on the tree shaped like
// 1.29-1.34.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'tree')
File bin = new File(tree, '_output/dockerized/bin')
def maven = { String name, String goal, List<String> properties, boolean succeeds = true ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':' + goal, properties)
    new File(basedir, name + '.log').text = result.output
    assert (result.exitCode == 0) == succeeds: "${name}: ${result.output}"
    return result.output
}
String go = new File(tree, '.go-version').text.trim()

String built = maven('build', 'build', ['-Dkube.what=cmd/kubectl test/e2e/e2e.test', '-Dkube.platforms=linux/amd64 darwin/arm64'])
assert built =~ /The cross image registry\.k8s\.io\/build-image\/kube-cross:\S+ has no rsync: the tree is mounted into the build container/: built
assert built.contains("+++ building with go${go}")
assert kit.run(tree, [new File(bin, 'linux/amd64/kubectl').path, 'version']).contains('GitVersion:"v1.37.0-alpha.0", GitCommit:"')
assert new File(bin, 'darwin/arm64/e2e.test').isFile()
String hash = kit.treeHash(built)
assert kit.volumesOf(hash).isEmpty(): 'no data container, as upstream has none on master'

String again = maven('again', 'build', ['-Dkube.what=cmd/kubectl test/e2e/e2e.test', '-Dkube.platforms=linux/amd64 darwin/arm64'])
assert again.contains('Up to date'): again

assert maven('copy-output', 'copy-output', []).contains('has no rsync, so builds mount the tree and write straight into it; there is nothing to copy.')

def rsyncAdded = /The image \S+ has no rsync: the data, rsync and seed containers run (kube-mvn-rsync:[0-9a-f]{16}), which adds this machine's rsync to it\./
File kubectl = new File(bin, 'linux/amd64/kubectl')
kubectl.delete()
String synced = maven('rsync-asked', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.sync=rsync'])
def added = synced =~ rsyncAdded
assert added.find(): synced
String rsyncImage = added.group(1)
assert kit.docker('run', '--rm', rsyncImage, 'rsync', '--version').startsWith('rsync ')
assert !kit.volumesOf(hash).isEmpty(): 'the pipeline keeps the tree in the build volume'
assert kit.run(tree, [kubectl.path, 'version']).contains('GitVersion:"v1.37.0-alpha.0"')
new File(tree, 'docs/run.md').text = "edited ${UUID.randomUUID()}\n"
String resynced = maven('rsync-again', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.sync=rsync'])
assert !(resynced =~ /Building kube-mvn-rsync/): 'the image is built once: ' + resynced
kit.run(tree, ['git', 'checkout', '--', 'docs/run.md'])
kubectl.delete()
String copied = maven('copy-output-rsync', 'copy-output', [])
assert copied.contains('has no rsync: the data, rsync and seed containers run ' + rsyncImage): copied
assert kubectl.isFile(): 'copy-output brings the pipeline\'s binaries out'

// on an engine elsewhere (the second engine, over TCP+TLS) the rsync pipeline runs the same way
Properties second = kit.secondEngine()
Map<String, String> overTls = [DOCKER_HOST: second.SECOND_ENGINE_TCP, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: second.SECOND_ENGINE_CERT_PATH]
kubectl.delete()
def remote = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', ['-Dkube.what=cmd/kubectl'], overTls)
new File(basedir, 'remote.log').text = remote.output
assert remote.exitCode == 0: remote.output
assert remote.output =~ rsyncAdded
assert kit.run(tree, [kubectl.path, 'version']).contains('GitVersion:"v1.37.0-alpha.0"')
def remoteClean = kit.maven(tree, localRepositoryPath, settings, plugin + ':clean', [], overTls)
assert remoteClean.exitCode == 0: remoteClean.output
assert kit.everythingOf(second.SECOND_ENGINE_SOCKET, hash).isEmpty()

assert maven('test-cmd', 'run', ['-Dkube.command=make test-cmd']).contains('TESTS PASSED')
assert maven('shell', 'shell', ['-Dkube.shellCommand=go version']).contains("go version go${go} linux/amd64")

// on the host, with the Go of the stand-in image
File hostGoRoot = new File(basedir, 'host-go')
hostGoRoot.deleteDir()
hostGoRoot.mkdirs()
kit.docker('run', '--rm', '-v', hostGoRoot.path + ':/out', 'kube-maven-plugin/go-base:1.26-no-rsync', 'sh', '-c',
        'cp -rL /usr/lib/go-1.26 /out/ && chown -R ' + kit.run(tree, ['id', '-u']).trim() + ' /out')
String local = maven('local', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.mode=local', '-Dkube.goRoot=' + new File(hostGoRoot, 'go-1.26').path])
assert local.contains("+++ building with go${go}")
assert kit.run(tree, [new File(tree, '_output/local/bin/linux/amd64/kubectl').path, 'version']).contains('GitVersion:"v1.37.0-alpha.0"')

String tested = maven('test', 'test', [])
assert tested =~ /(?m)\u2713  pkg\/apis\/core \(/

// the release through mvn deploy (kube:package in its package phase): the tree as a Maven project of packaging kube,
// deployed to a file repository, the era's tarball set byte for byte
assert kit.deployTree(tree, basedir, localRepositoryPath, settings, plugin, 'era-master') == ['', '-client-linux-amd64', '-manifests',
        '-node-linux-amd64', '-server-linux-amd64', '-src', '-test-linux-amd64', '-test-portable']
assert kit.run(new File(tree, '_output/release-tars'), ['tar', '-xzOf', 'kubernetes.tar.gz', 'kubernetes/version']).trim() == 'v1.37.0-alpha.0'

maven('clean', 'clean', [])
assert kit.containersOf(hash).isEmpty() && kit.imagesOf(hash).isEmpty()
return true
