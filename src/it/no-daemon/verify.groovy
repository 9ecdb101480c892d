String log = new File(basedir, 'build.log').text
assert log.contains('No Docker engine answers at unix:///nonexistent/docker.sock')
assert log.contains('Start one (for example')
assert log.contains('DOCKER_HOST / kube.dockerHost')
assert !log.contains('\tat io.github.kubemaven'): 'a message, not a stack trace'
def seconds = (log =~ /Total time:\s+([0-9.]+) s/)
assert seconds.find() && Double.parseDouble(seconds.group(1)) < 30: 'fails within seconds'
return true
