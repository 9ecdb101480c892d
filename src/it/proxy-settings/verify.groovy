def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
String log = new File(basedir, 'build.log').text
assert log.contains('Building Docker image'): 'the image was built with the proxy settings'
assert log.contains('proxy settings reached the container')
assert !log.contains('s3cret-token'): 'credentials never reach the log'
String hash = kit.treeHash(log)
String image = "kube-mvn-build:build-${hash}-1-v1.19.8-1"
assert !kit.docker('history', '--no-trunc', image).contains('s3cret-token'): 'credentials never reach an image layer'
assert !kit.docker('image', 'inspect', image).contains('s3cret-token')
return true
