import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
String hash = kit.treeHash(log)
assert log.contains("Removing container kube-mvn-data-${hash}-1-v1.19.8-1 of an older build-image version")
assert log.contains("Removing image kube-mvn-build:build-${hash}-1-v1.19.8-1 of an older build-image version")
assert kit.containersOf(hash) == ["kube-mvn-data-${hash}-2-v1.19.8-1".toString()]
assert kit.imagesOf(hash) == ["kube-mvn-build:build-${hash}-2-v1.19.8-1".toString()]
assert kit.volumesOf(hash).every { it.startsWith("kube-mvn-data-${hash}-2-v1.19.8-1-") }
assert new File(basedir, 'tree/_output/dockerized/bin/linux/amd64/kubectl').canExecute()
return true
