def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
String log = new File(basedir, 'build.log').text
assert log =~ /Build image kube-mvn-build:build-[0-9a-f]{10}-1-v1.19.8-1 is up to date/
assert log.contains('Reusing data container kube-mvn-data-')
assert log.count('Building Docker image') <= 1
assert log.count('Creating data container') <= 1
assert new File(basedir, '_output/dockerized/bin/linux/amd64/kubectl').canExecute()
String hash = kit.treeHash(log)
assert kit.containersOf(hash, true).isEmpty()
assert kit.imagesOf(hash) == ["kube-mvn-build:build-${hash}-1-v1.19.8-1".toString()]
return true
