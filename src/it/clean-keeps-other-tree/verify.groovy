import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
String hash = kit.expectedTreeHash(basedir)
File other = new File(basedir.parentFile, 'clean-keeps-other-tree-second')
String otherHash = kit.expectedTreeHash(other)
String topicHash = kit.treeHash(new File(basedir, 'topic-branch.log').text)
assert [hash, otherHash, topicHash].unique().size() == 3

for (String branch : [hash, topicHash]) {
    assert log.readLines().any { it.contains('Removed containers ') && it.contains("kube-mvn-data-${branch}-1-v1.19.8-1") }: "the data container of ${branch} is named"
    assert log.readLines().any { it.contains('Removed volumes ') && it.contains("kube-mvn-data-${branch}-1-v1.19.8-1-src") }
    assert log.contains("Removed images kube-mvn-build:build-${branch}-1-v1.19.8-1")
    assert kit.containersOf(branch).isEmpty(): "every branch of the tree is cleaned: ${branch}"
    assert kit.imagesOf(branch).isEmpty()
    assert kit.volumesOf(branch).isEmpty()
}
assert !new File(basedir, '_output').exists()
assert new File(basedir, 'Makefile').exists() && new File(basedir, 'cmd/kubectl/kubectl.go').exists(): 'sources are never touched'

assert kit.containersOf(otherHash) == ["kube-mvn-data-${otherHash}-1-v1.19.8-1".toString()]
assert kit.imagesOf(otherHash) == ["kube-mvn-build:build-${otherHash}-1-v1.19.8-1".toString()]
assert !kit.volumesOf(otherHash).isEmpty()
assert new File(other, '_output/dockerized/bin/linux/amd64/kubectl').exists()

def cleanup = kit.maven(other, localRepositoryPath, new File(basedir.parentFile, 'interpolated-settings.xml'), plugin + ':clean')
assert cleanup.exitCode == 0: cleanup.output
assert kit.containersOf(otherHash).isEmpty()
return true
