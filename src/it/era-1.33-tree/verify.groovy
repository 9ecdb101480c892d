// Every goal on a tree shaped like Kubernetes 1.29-1.34: binaries and test binaries for two platforms with the
// version stamp the tree's own hack/lib/version.sh gives, in the rsync pipeline, with the tree mounted, and on the
// host; the Go of .go-version through GOTOOLCHAIN, and FORCE_HOST_GO reaching make; committed generated code as a
// source; failing packages named from gotestsum's report; a release whose server tarballs go through
// build_server_images on a host without docker buildx, with and without the server images.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'tree')
File bin = new File(tree, '_output/dockerized/bin')
def maven = { String name, String goal, List<String> properties, boolean succeeds = true, Map<String, String> environment = [:] ->
    def result = kit.runAllowingFailure(tree, kit.mavenCommand(localRepositoryPath, settings, plugin + ':' + goal, properties), environment)
    new File(basedir, name + '.log').text = result.output
    assert (result.exitCode == 0) == succeeds: "${name}: ${result.output}"
    return result.output
}
def git = { String... arguments -> kit.run(tree, ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost'] + arguments.toList()) }

// the version the tree's own scripts stamp
String stamp = kit.run(tree, ['bash', '-c', 'KUBE_ROOT="$PWD"; source hack/lib/version.sh; kube::version::get_version_vars; '
        + 'echo "${KUBE_GIT_VERSION} ${KUBE_GIT_MAJOR} ${KUBE_GIT_MINOR}"']).trim()
assert stamp == 'v1.99.0-alpha.1 1 99+'

String built = maven('build', 'build', ['-Dkube.what=cmd/kubectl test/e2e/e2e.test', '-Dkube.platforms=linux/amd64 darwin/arm64'])
assert built.contains('+++ building with go1.24.4'): 'the Go of .go-version builds'
assert kit.run(tree, [new File(bin, 'linux/amd64/kubectl').path]).trim() == 'kubectl: pod default/example, config cluster-info'
assert kit.run(tree, [new File(bin, 'linux/amd64/kubectl').path, 'version']).contains(
        'Major:"1", Minor:"99+", GitVersion:"v1.99.0-alpha.1", GitCommit:"' + git('rev-parse', 'HEAD').trim() + '", GitTreeState:"clean"')
assert kit.elfMachine(new File(bin, 'linux/amd64/e2e.test')) == 62: 'test/e2e/e2e.test is built as a test binary'
byte[] machO = new File(bin, 'darwin/arm64/e2e.test').bytes[0..3] as byte[]
assert machO == [0xcf, 0xfa, 0xed, 0xfe] as byte[]: 'and for darwin/arm64, a test platform of today\'s trees'
assert built =~ /New or changed in _output\/dockerized\/bin\/darwin\/arm64\/: e2e\.test .*kubectl/

// a .go-version the build image's Go is not: make asks for exactly that Go and fails offline, as upstream's would;
// FORCE_HOST_GO takes the image's Go
File goVersion = new File(tree, '.go-version')
goVersion.text = '1.24.99\n'
String otherGo = maven('other-go', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'], false)
assert otherGo.contains('go 1.24.99 is needed (GOTOOLCHAIN=go1.24.99)'): otherGo
String hostGo = maven('force-host-go', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'], true, ['FORCE_HOST_GO': 'y'])
assert hostGo.contains('+++ building with go1.24.4')
git('checkout', '--', '.go-version')

// the tree mounted into the build container, as upstream does since it dropped the data container
String bound = maven('bind', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64', '-Dkube.sync=bind'])
assert bound.contains('+++ building with go1.24.4')

// a host-side build: refused before any work with a Go older than the tree's, and with a newer one the tree's
// GOTOOLCHAIN pin gives way to the Go found (FORCE_HOST_GO), as a download of the pinned one cannot work here
File hostGoRoot = new File(basedir, 'host-go')
hostGoRoot.deleteDir()
hostGoRoot.mkdirs()
kit.docker('run', '--rm', '-v', hostGoRoot.path + ':/out', 'kube-maven-plugin/go-base:1.24', 'sh', '-c',
        'cp -rL /usr/lib/go-1.24 /out/ && chown -R ' + kit.run(tree, ['id', '-u']).trim() + ' /out')
goVersion.text = '1.24.0\n'
String oldHostGo = maven('local-old-go', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.mode=local', '-Dkube.goRoot=/usr/lib/go-1.19'], false)
assert oldHostGo.contains('The tree needs Go 1.24.0 or newer, but /usr/lib/go-1.19/bin/go is Go 1.19'): oldHostGo
assert !oldHostGo.contains('Building go targets')
String newerHostGo = maven('local', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.mode=local', '-Dkube.goRoot=' + new File(hostGoRoot, 'go-1.24').path])
assert newerHostGo.contains('+++ building with go1.24.4')
assert kit.run(tree, [new File(tree, '_output/local/bin/linux/amd64/kubectl').path, 'version']).contains('GitVersion:"v1.99.0-alpha.1-dirty"')
git('checkout', '--', '.go-version')

// committed generated code, in the main module and in a staging module of the workspace
File staged = new File(tree, 'staging/src/k8s.io/api/core/v1/zz_generated.deepcopy.go')
assert staged.delete()
String deleted = maven('deleted-generated', 'build', ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'], false)
assert deleted.contains('DeepCopy'): "the build fails without the committed file, as upstream's does: ${deleted}"
assert !staged.exists(): 'and the file does not come back from the build volume'
git('checkout', '--', 'staging')

// tests report through gotestsum; a failing package is named as it names it
String passed = maven('test', 'test', [])
assert passed =~ /(?m)\u2713  pkg\/apis\/core \(/ && passed.contains('DONE 2 tests in')
String integration = maven('test-integration', 'test', ['-Dkube.testTargets=test-integration'])
assert integration.contains('Running integration test cases') && integration =~ /(?m)\u2713  test\/integration\/apiserver \(/: integration
File describeTest = new File(tree, 'pkg/kubectl/describe_test.go')
describeTest.text = describeTest.text.replace('config settings"', 'config other"')
String failed = maven('test-failing', 'test', [], false)
assert failed.contains("Tests failed in 'make test' (exit code 2); failing packages: pkg/kubectl"): failed
git('checkout', '--', 'pkg')

// a release on a host whose docker has no buildx: the server tarballs go through the tree's build_server_images,
// which needs buildx only for the images the release leaves out
File noBuildx = new File(basedir, 'no-buildx')
noBuildx.mkdirs()
File dockerShim = new File(noBuildx, 'docker')
dockerShim.text = '#!/bin/sh\n[ "$1" != buildx ] || { echo "docker: unknown command: docker buildx" >&2; exit 1; }\n' +
        "exec ${kit.run(tree, ['bash', '-c', 'command -v docker']).trim()} \"\$@\"\n"
dockerShim.setExecutable(true)
String platforms = 'linux/amd64 darwin/arm64 windows/arm64'
String released = maven('package', 'package', ['-Dkube.platforms=' + platforms], true,
        ['PATH': noBuildx.path + ':' + System.getenv('PATH')])
File tars = new File(tree, '_output/release-tars')
def names = tars.list().findAll { it.endsWith('.tar.gz') }.sort()
assert names == ['kubernetes-client-darwin-arm64.tar.gz', 'kubernetes-client-linux-amd64.tar.gz', 'kubernetes-client-windows-arm64.tar.gz',
                 'kubernetes-manifests.tar.gz', 'kubernetes-node-linux-amd64.tar.gz', 'kubernetes-server-linux-amd64.tar.gz',
                 'kubernetes-src.tar.gz', 'kubernetes-test-darwin-arm64.tar.gz', 'kubernetes-test-linux-amd64.tar.gz',
                 'kubernetes-test-portable.tar.gz', 'kubernetes-test-windows-arm64.tar.gz', 'kubernetes.tar.gz']: released
def listing = { String name -> kit.run(tars, ['tar', '-tzf', name]).readLines() }
assert listing('kubernetes-server-linux-amd64.tar.gz').findAll { it.startsWith('kubernetes/server/bin/') }.sort() ==
        ['kubernetes/server/bin/', 'kubernetes/server/bin/kube-apiserver', 'kubernetes/server/bin/kube-proxy',
         'kubernetes/server/bin/kubeadm', 'kubernetes/server/bin/kubectl', 'kubernetes/server/bin/kubelet']
assert listing('kubernetes-node-linux-amd64.tar.gz').contains('kubernetes/node/bin/kubeadm')
assert listing('kubernetes-test-linux-amd64.tar.gz').contains('kubernetes/test/bin/e2e.test')
assert listing('kubernetes-test-windows-arm64.tar.gz').contains('kubernetes/test/bin/e2e.test.exe')
assert listing('kubernetes-client-windows-arm64.tar.gz').contains('kubernetes/client/bin/kubectl.exe')
assert listing('kubernetes-test-darwin-arm64.tar.gz').contains('kubernetes/test/bin/e2e.test')
assert kit.run(tars, ['tar', '-xzOf', 'kubernetes.tar.gz', 'kubernetes/version']).trim() == 'v1.99.0-alpha.1'
assert !new File(tree, '_output/release-images').exists(): 'no image was built'

// the layout the tree's own build/lib/release.sh gives, run beside the plugin over the same binaries (its image
// builds and buildx check left out as the release leaves them out): every tarball entry alike
File upstreamOut = new File(tree, '_upstream')
upstreamOut.mkdirs()
java.nio.file.Files.createSymbolicLink(new File(upstreamOut, 'dockerized').toPath(), java.nio.file.Path.of('../_output/dockerized'))
kit.run(tree, ['bash', '-c', 'set -e; source build/common.sh; source build/lib/release.sh; kube::version::get_version_vars; '
        + 'kube::release::create_docker_images_for_server() { :; }; kube::util::ensure-docker-buildx() { :; }; '
        + 'docker() { [[ "$1" == buildx ]] || command docker "$@"; }; kube::release::package_tarballs'],
        ['OUT_DIR': '_upstream', 'KUBE_BUILD_PLATFORMS': platforms,
         'KUBE_GIT_VERSION_FILE': new File(tree, '_output/kube-maven/release-version-defs').path])
File compareTarballs = new File(new File(fixtureDir).parentFile.parentFile.parentFile, 'scripts/lib/compare-tarballs.py')
def compared = kit.runAllowingFailure(tree, ['python3', compareTarballs.path, new File(upstreamOut, 'release-tars').path, tars.path])
new File(basedir, 'compare-tarballs.txt').text = compared.output
assert compared.exitCode == 0 && compared.output.readLines().size() == 12: compared.output
kit.run(tree, ['rm', '-rf', '_upstream'])

// server images asked for, on the same host without buildx: the tree's buildx builds are made through the Engine
// API and saved where buildx would have written them; no image stays in the engine
String withImages = maven('package-images', 'package', ['-Dkube.platforms=linux/amd64', '-Dkube.release.images=true'], true,
        ['PATH': noBuildx.path + ':' + System.getenv('PATH')])
assert withImages.contains('as this machine has no docker buildx, which the tree\'s release scripts build them with.'): withImages
String image = 'registry.k8s.io/kube-apiserver-amd64:v1.99.0-alpha.1'
assert !kit.runAllowingFailure(tree, ['docker', 'image', 'inspect', image]).exitCode.equals(0): 'no image left in the engine: ' + withImages
def serverBin = listing('kubernetes-server-linux-amd64.tar.gz').findAll { it.startsWith('kubernetes/server/bin/') }
assert serverBin.containsAll(['kubernetes/server/bin/kube-apiserver.tar', 'kubernetes/server/bin/kube-apiserver.docker_tag',
                              'kubernetes/server/bin/kube-proxy.tar', 'kubernetes/server/bin/kube-proxy.docker_tag']): serverBin
File images = new File(basedir, 'server-images')
images.deleteDir()
images.mkdirs()
kit.run(images, ['tar', '-xzf', new File(tars, 'kubernetes-server-linux-amd64.tar.gz').path, 'kubernetes/server/bin/kube-apiserver.tar'])
assert kit.docker('load', '-i', new File(images, 'kubernetes/server/bin/kube-apiserver.tar').path).readLines().contains('Loaded image: ' + image)
assert kit.docker('run', '--rm', image, '/usr/local/bin/kube-apiserver', '--version').contains('GitVersion:"v1.99.0-alpha.1"')
kit.docker('rmi', image)

// the command tests, a command in the build container, copy-out, and clean
assert maven('test-cmd', 'run', ['-Dkube.command=make test-cmd']).contains('TESTS PASSED')
assert maven('shell', 'shell', ['-Dkube.shellCommand=go version']).contains('go version go1.24.4 linux/amd64')
maven('copy-output', 'copy-output', [])
String hash = kit.treeHash(built)
assert !kit.volumesOf(hash).isEmpty()
// mvn deploy publishes the era's release: the tree as a Maven project of packaging kube, deployed to a file repository
assert kit.deployTree(tree, basedir, localRepositoryPath, settings, plugin, 'era-1-33') == ['', '-client-linux-amd64', '-manifests',
        '-node-linux-amd64', '-server-linux-amd64', '-src', '-test-linux-amd64', '-test-portable']

maven('clean', 'clean', [])
assert kit.volumesOf(hash).isEmpty() && kit.containersOf(hash).isEmpty(): 'kube:clean removes the tree\'s volumes and containers'
return true
