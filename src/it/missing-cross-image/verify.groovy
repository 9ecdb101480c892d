String log = new File(basedir, 'build.log').text
assert log.contains('The cross image kube-maven-plugin/no-such-cross-image:v1.19.8-1 is not in the Docker engine, and Maven is offline (-o), so it is not pulled.')
assert log.contains("Provide it with 'docker pull kube-maven-plugin/no-such-cross-image:v1.19.8-1' or 'docker load'")
assert log.contains('kube.crossImage')
assert !log.contains('\tat io.github.kubemaven'): 'a message, not a stack trace'
return true
