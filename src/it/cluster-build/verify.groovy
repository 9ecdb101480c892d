Properties results = new Properties()
new File(basedir, 'results.properties').withInputStream { results.load(it) }
def log = { String name -> new File(basedir, name + '.log').text }

String first = log('first')
assert first.contains('BUILD SUCCESS')
assert first =~ /Kubernetes v1\.20\.2, node kube-mvn-node-1 with Docker engine .* at k8s:\/\/kube-maven\/default \(pods in namespace default on node kube-mvn-node-1, its images and volumes on unix:\/\/\/var\/run\/docker.sock \(from the node's annotation io.github.kubemaven\/docker-host\)\)/: 'the build ran on the cluster, on the node with its engine'
assert first =~ /Syncing (sources|\d+ changed files?) to container/
String events = results['first.events']
assert events.readLines().any { it =~ /^kube-mvn-build-\S+ Started kube-mvn-node-1$/ }: "the build container ran as a pod on node 1: ${events}"
assert events.readLines().any { it =~ /^kube-mvn-rsync-\S+ Started kube-mvn-node-1$/ }: "so did the rsync container: ${events}"

String edited = log('edited')
assert edited.contains('BUILD SUCCESS')
assert edited =~ /Syncing 1 changed file to container/: 'the edit alone went to the pod'
assert results['edited.kubectl'] != results['first.kubectl']
assert results['docker.kubectl'] == results['edited.kubectl']: 'a Docker engine builds the same kubectl, byte for byte'

String failing = log('failing')
assert results['failing.exit'] != '0'
assert failing.contains("No rule to make target 'no-such-target'"): 'what the pod writes reaches the log'
assert failing.contains("'make no-such-target' failed with exit code 2"): 'the failure names the exit code of the pod'
assert !failing.readLines().any { it.startsWith('\tat ') }: 'no stack trace'

['first', 'edited', 'failing', 'clean'].each { name ->
    assert results[name + '.pods-left'].isEmpty(): "${name}: no pod outlives the run (${results[name + '.pods-left']})"
    assert !log(name).readLines().any { it =~ /^\s+at [a-z]+\./ }: "${name}: no stack trace in the log"
}
assert results['clean.left'].isEmpty(): "kube:clean on the cluster removes the tree's containers, volumes and images from the node's engine: ${results['clean.left']}"
return true
