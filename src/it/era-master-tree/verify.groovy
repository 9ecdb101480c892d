// Kubernetes master's shape: no build-image Dockerfile of its own and a cross image without rsync. On an engine of
// this machine the tree is mounted into the build container, as upstream's build/run.sh does on master, with one
// line saying why; where the pipeline's rsync is asked for, one line names the image and what to do, before any
// container starts. Build (in the container and on the host), the command tests, a shell command, test and release
// as on the tree shaped like 1.29-1.34.
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

String asked = maven('rsync-asked', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.sync=rsync'], false)
assert asked =~ /The cross image registry\.k8s\.io\/build-image\/kube-cross:\S+ has no rsync, which kube\.sync=rsync runs in the rsync container/: asked
assert kit.containersOf(hash).isEmpty(): 'refused before any container started'

assert maven('copy-output', 'copy-output', []).contains('has no rsync, so builds mount the tree and write straight into it; there is nothing to copy.')

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

String released = maven('package', 'package', ['-Dkube.platforms=linux/amd64'])
File tars = new File(tree, '_output/release-tars')
assert tars.list().findAll { it.endsWith('.tar.gz') }.sort() == ['kubernetes-client-linux-amd64.tar.gz', 'kubernetes-manifests.tar.gz',
        'kubernetes-node-linux-amd64.tar.gz', 'kubernetes-server-linux-amd64.tar.gz', 'kubernetes-src.tar.gz',
        'kubernetes-test-linux-amd64.tar.gz', 'kubernetes-test-portable.tar.gz', 'kubernetes.tar.gz']: released
assert kit.run(tars, ['tar', '-xzOf', 'kubernetes.tar.gz', 'kubernetes/version']).trim() == 'v1.37.0-alpha.0'

maven('clean', 'clean', [])
assert kit.containersOf(hash).isEmpty() && kit.imagesOf(hash).isEmpty()
return true
