import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File deployed = new File(basedir, 'repo/it/kube/deploy-to-file-repo/1.0')
assert deployed.isDirectory(): 'mvn deploy published to the file repository'
def expected = ['': 'kubernetes.tar.gz', '-src': 'kubernetes-src.tar.gz', '-client-linux-amd64': 'kubernetes-client-linux-amd64.tar.gz',
                '-client-windows-amd64': 'kubernetes-client-windows-amd64.tar.gz', '-server-linux-amd64': 'kubernetes-server-linux-amd64.tar.gz',
                '-node-linux-amd64': 'kubernetes-node-linux-amd64.tar.gz', '-node-windows-amd64': 'kubernetes-node-windows-amd64.tar.gz',
                '-test-linux-amd64': 'kubernetes-test-linux-amd64.tar.gz', '-test-portable': 'kubernetes-test-portable.tar.gz',
                '-manifests': 'kubernetes-manifests.tar.gz']
expected.each { classifier, tarball ->
    File file = new File(deployed, "deploy-to-file-repo-1.0${classifier}.tar.gz")
    assert file.isFile(): "${file.name} deployed"
    assert file.bytes == new File(basedir, "_output/release-tars/${tarball}").bytes
    String sha1 = java.security.MessageDigest.getInstance('SHA-1').digest(file.bytes).encodeHex().toString()
    assert new File(deployed, "${file.name}.sha1").text.trim() == sha1: "Maven's own checksum of ${file.name}"
    assert new File(deployed, "${file.name}.md5").isFile()
}
assert new File(deployed, 'deploy-to-file-repo-1.0.pom').isFile()
String log = new File(basedir, 'build.log').text
assert log.contains('Tests are skipped.')
assert !log.contains('make test')
return true
