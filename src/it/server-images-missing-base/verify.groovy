String log = new File(basedir, 'build.log').text
assert log.contains('The base image of the server images kube-maven-plugin/no-such-server-base:1 is not in the Docker engine')
assert log.contains('or package without server images: -Dkube.release.images=false')
assert !log.contains('\tat io.github.kubemaven'): 'a message, not a stack trace'
return true
