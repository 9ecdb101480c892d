def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
String log = new File(basedir, 'build.log').text
String hash = kit.treeHash(log)
String otherHash = kit.treeHash(new File(basedir, 'other-tree.log').text)
assert hash != otherHash

assert log.contains("Removing container kube-mvn-data-${hash}-1-v1.19.8-1")
assert log.contains("Removing image kube-mvn-build:build-${hash}-1-v1.19.8-1")
assert kit.containersOf(hash).isEmpty()
assert kit.imagesOf(hash).isEmpty()
assert kit.volumesOf(hash).isEmpty()
assert !new File(basedir, '_output').exists()
assert new File(basedir, 'Makefile').exists() && new File(basedir, 'cmd/kubectl/kubectl.go').exists(): 'sources are never touched'

assert kit.containersOf(otherHash) == ["kube-mvn-data-${otherHash}-1-v1.19.8-1".toString()]
assert kit.imagesOf(otherHash) == ["kube-mvn-build:build-${otherHash}-1-v1.19.8-1".toString()]
assert !kit.volumesOf(otherHash).isEmpty()
File other = new File(basedir.parentFile, 'clean-keeps-other-tree-second')
assert new File(other, '_output/dockerized/bin/linux/amd64/kubectl').exists()

def cleanup = kit.maven(other, localRepositoryPath, new File(basedir.parentFile, 'interpolated-settings.xml'), plugin + ':clean')
assert cleanup.exitCode == 0: cleanup.output
assert kit.containersOf(otherHash).isEmpty()
return true
