import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log =~ /:build \(default-build\)/ && log =~ /:test \(default-test\)/ && log =~ /:package \(default-package\)/
assert log =~ /ok\s+k8s.io\/kubernetes\/pkg\/apis\/core/: 'the tests ran in the container'
assert log.contains('Running build command: make cross')

File tars = new File(basedir, '_output/release-tars')
def names = tars.list().findAll { it.endsWith('.tar.gz') }.sort()
assert names == ['kubernetes-client-linux-amd64.tar.gz', 'kubernetes-client-windows-amd64.tar.gz', 'kubernetes-manifests.tar.gz',
                 'kubernetes-node-linux-amd64.tar.gz', 'kubernetes-node-windows-amd64.tar.gz', 'kubernetes-server-linux-amd64.tar.gz',
                 'kubernetes-src.tar.gz', 'kubernetes-test-linux-amd64.tar.gz', 'kubernetes-test-portable.tar.gz', 'kubernetes.tar.gz']
names.each { name ->
    kit.run(tars, ['sha256sum', '-c', "${name}.sha256".toString()])
    kit.run(tars, ['sha512sum', '-c', "${name}.sha512".toString()])
}

Map<String, List<String>> listing = [:]
names.each { name ->
    listing[name] = kit.run(tars, ['tar', '--numeric-owner', '-tvzf', name]).readLines()
    listing[name].each { line ->
        def fields = line.split(/\s+/)
        assert fields[1] == '0/0': "${name}: ${line} is not owned by 0/0"
        assert fields[3] + ' ' + fields[4] == '2021-01-18 20:00': "${name}: ${line} does not carry the commit time"
        if (name != 'kubernetes-src.tar.gz') {
            assert fields[5].startsWith('kubernetes/'): "${name}: ${line} is outside kubernetes/"
        }
    }
}
def entry = { String tarball, String path -> listing[tarball].find { it.endsWith(' ' + path) } }
assert entry('kubernetes-client-linux-amd64.tar.gz', 'kubernetes/client/bin/kubectl').startsWith('-rwxr-xr-x')
assert entry('kubernetes-client-windows-amd64.tar.gz', 'kubernetes/client/bin/kubectl.exe').startsWith('-rwxr-xr-x')
assert entry('kubernetes-node-windows-amd64.tar.gz', 'kubernetes/node/bin/kubelet.exe')
assert entry('kubernetes-node-windows-amd64.tar.gz', 'kubernetes/node/bin/kube-proxy.exe')
assert entry('kubernetes-node-linux-amd64.tar.gz', 'kubernetes/kubernetes-src.tar.gz')
assert entry('kubernetes-server-linux-amd64.tar.gz', 'kubernetes/server/bin/kube-apiserver')
assert entry('kubernetes-server-linux-amd64.tar.gz', 'kubernetes/server/bin/kubectl')
assert entry('kubernetes-server-linux-amd64.tar.gz', 'kubernetes/addons/').startsWith('drwxr-xr-x')
assert entry('kubernetes-server-linux-amd64.tar.gz', 'kubernetes/LICENSES/LICENSE').startsWith('-rw-r--r--')
assert !listing.keySet().any { it.contains('server-windows') }: 'windows is no server platform of the tree'
assert entry('kubernetes-test-portable.tar.gz', 'kubernetes/test/e2e/testing-manifests/pod.yaml')
assert entry('kubernetes-manifests.tar.gz', 'kubernetes/gci-trusty/kube-apiserver.manifest')
assert entry('kubernetes.tar.gz', 'kubernetes/cluster/kube-up.sh').startsWith('-rwxr-xr-x')
// a clean checkout's source tarball is git archive of its commit, as upstream's package_src_tarball makes it
assert entry('kubernetes-src.tar.gz', 'cmd/kubectl/kubectl.go').startsWith('-rw-rw-r--')
assert entry('kubernetes-src.tar.gz', 'hack/make-rules/build.sh').startsWith('-rwxrwxr-x')
assert !listing['kubernetes-src.tar.gz'].any { it.contains('_output') || it.contains('.git/') || it.contains('build.log') }
assert kit.run(tars, ['tar', '-xzOf', 'kubernetes.tar.gz', 'kubernetes/version']).trim() == 'v1.7.0'

// the client binary inside the tarball is the one built, for the right machine
File unpacked = new File(basedir, 'target/unpacked')
unpacked.mkdirs()
kit.run(unpacked, ['tar', '-xzf', new File(tars, 'kubernetes-client-linux-amd64.tar.gz').path])
assert kit.elfMachine(new File(unpacked, 'kubernetes/client/bin/kubectl')) == 62
assert kit.run(unpacked, [new File(unpacked, 'kubernetes/client/bin/kubectl').path, 'version']).contains('GitVersion:"v1.7.0"')

assert kit.containersOf(kit.treeHash(log), true).isEmpty()
return true
