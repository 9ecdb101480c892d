String log = new File(basedir, 'build.log').text
assert log =~ /:build \(kubernetes\)/ && log =~ /:test \(kubernetes\)/ && log =~ /:package \(kubernetes\)/
File installed = new File(localRepositoryPath, 'it/kube/pom-executions/1.0')
assert new File(installed, 'pom-executions-1.0.pom').isFile()
assert new File(installed, 'pom-executions-1.0.tar.gz').bytes == new File(basedir, '_output/release-tars/kubernetes.tar.gz').bytes
['src', 'client-linux-amd64', 'server-linux-amd64', 'node-linux-amd64', 'test-linux-amd64', 'test-portable', 'manifests'].each {
    assert new File(installed, "pom-executions-1.0-${it}.tar.gz").isFile(): "${it} installed"
}
return true
