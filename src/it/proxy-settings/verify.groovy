import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log.contains('Building Docker image'): 'the image was built with the proxy settings'
assert log.contains('proxy settings reached the container')
assert log.contains('[DEBUG]'): 'the run printed what mvn -X prints'
assert log.contains('http_proxy=http://***@127.0.0.1:3128'): 'the debug line of the environment shows the proxy without its user-info'
assert !log.contains('s3cret') && !log.contains('k#e@n'): 'credentials never reach the log, not even with -X'
String hash = kit.treeHash(log)
String image = "kube-mvn-build:build-${hash}-1-v1.19.8-1"
assert !kit.docker('history', '--no-trunc', image).contains('s3cret'): 'credentials never reach an image layer'
assert !kit.docker('image', 'inspect', image).contains('s3cret')
return true
