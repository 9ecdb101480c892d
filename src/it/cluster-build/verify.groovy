Properties results = new Properties()
new File(basedir, 'results.properties').withInputStream { results.load(it) }
def log = { String name -> new File(basedir, name + '.log').text }

String first = log('first')
assert first.contains('BUILD SUCCESS')
assert first =~ /Kubernetes v1\.20\.2, node kube-mvn-node-1 with Docker engine .* at k8s:\/\/kube-maven\/default\?node=kube-mvn-node-1 \(pods in namespace default on node kube-mvn-node-1, its images and volumes on unix:\/\/\/var\/run\/docker.sock \(from the node's annotation io.github.kubemaven\/docker-host\)\)/
assert first =~ /Kubernetes v1\.20\.2, node kube-mvn-node-2 with Docker engine .* at k8s:\/\/kube-maven\/default\?node=kube-mvn-node-2 \(pods in namespace default on node kube-mvn-node-2, its images and volumes on unix:\/\/\/run\/kube-maven-it\/docker.sock/
assert first.contains('Engine k8s://kube-maven/default?node=kube-mvn-node-1 builds linux/amd64')
assert first.contains('Engine k8s://kube-maven/default?node=kube-mvn-node-2 builds linux/arm64')
assert first =~ /\[k8s:\/\/kube-maven\/default\?node=kube-mvn-node-2\] Syncing (sources|\d+ changed files?) to container/
String events = results['first.events']
['kube-mvn-node-1', 'kube-mvn-node-2'].each { node ->
    assert events.readLines().any { it =~ /^kube-mvn-build-\S+ Started ${node}$/ }: "a build container ran as a pod on ${node}: ${events}"
    assert events.readLines().any { it =~ /^kube-mvn-rsync-\S+ Started ${node}$/ }: "so did an rsync container: ${events}"
}

String edited = log('edited')
assert edited.contains('BUILD SUCCESS')
assert edited.readLines().count { it =~ /Syncing 1 changed file to container: cmd\/kubectl\/kubectl.go/ } == 2: 'the edit alone went to each node'
assert edited.contains('Engine k8s://kube-maven/default?node=kube-mvn-node-1 builds linux/amd64'): 'each platform stays on the node that built it'
assert edited.contains('Engine k8s://kube-maven/default?node=kube-mvn-node-2 builds linux/arm64')
assert results['edited.kubectl'] != results['first.kubectl'] && results['edited.arm-kubectl'] != results['first.arm-kubectl']
assert results['docker.kubectl'] == results['edited.kubectl']: 'a Docker engine builds the same kubectl, byte for byte'
assert results['docker.arm-kubectl'] == results['edited.arm-kubectl']: 'for each platform'

assert first.contains('The scheduler of k8s://kube-maven/default places the build\'s shares on '
        + 'k8s://kube-maven/default?node=kube-mvn-node-1, k8s://kube-maven/default?node=kube-mvn-node-2')
String tainted = log('tainted')
assert tainted.contains('BUILD SUCCESS')
assert tainted.contains('The scheduler of k8s://kube-maven/default places the build\'s shares on k8s://kube-maven/default?node=kube-mvn-node-1\n')
assert tainted.contains('Engine k8s://kube-maven/default?node=kube-mvn-node-1 builds linux/amd64 linux/arm64'): 'both platforms build on the node left'
assert !tainted.contains('node=kube-mvn-node-2') && !tainted.contains('node kube-mvn-node-2'): 'the tainted node is left out'
assert tainted.contains('Building go targets for linux/arm64'): 'node 1 builds linux/arm64 too'
assert results['tainted.arm-kubectl'] == results['edited.arm-kubectl']: 'the other node builds the same linux/arm64 kubectl, byte for byte'

String interrupted = log('interrupted')
assert results['interrupted.pods-before'].contains('pod/kube-mvn-build-'): 'the command ran in a pod when Ctrl-C came'
assert interrupted =~ /\[WARNING\] (\[\S+\] )?Interrupted: removed the containers? [^\n]*kube-mvn-build-/: interrupted
String buildPod = results['interrupted.build-pod']
assert buildPod =~ /^ConfigMap\/kube-mvn-run-[0-9a-f]{16} 1Gi 500m$/: "the run owns its pods, which ask for kube.memory and kube.cpus: ${buildPod}"
assert results['interrupted.owners'].contains('configmap/' + buildPod.split(' ')[0].split('/')[1]): results['interrupted.owners']
assert results['interrupted.left'].isEmpty(): "no pod and no owner outlives Ctrl-C: ${results['interrupted.left']}"

assert results['killed.left'] =~ /pod\/kube-mvn-build-/: "a killed Maven leaves its build pod: ${results['killed.left']}"
assert results['killed.left'] =~ /configmap\/kube-mvn-run-[0-9a-f]{16}/: "and its owner object: ${results['killed.left']}"
String stoppedAfter = results['killed.stopped-after']
assert stoppedAfter != 'never' && (stoppedAfter as int) >= 60 && (stoppedAfter as int) <= 200:
        "the killed run's pods stop by themselves once their lease of 90 s runs out (after ${stoppedAfter} s: ${results['killed.phases']})"

String failing = log('failing')
assert failing =~ /Removing container kube-mvn-build-\S+, left by an earlier run that did not end/: 'the next run removes what the killed one left'
assert results['failing.exit'] != '0'
assert failing.contains("No rule to make target 'no-such-target'"): 'what the pod writes reaches the log'
assert failing.contains("'make no-such-target' failed with exit code 2"): 'the failure names the exit code of the pod'
assert !failing.readLines().any { it.startsWith('\tat ') }: 'no stack trace'

['first', 'edited', 'tainted', 'failing', 'clean'].each { name ->
    assert results[name + '.left'].isEmpty(): "${name}: no pod and no owner outlives the run (${results[name + '.left']})"
    assert !log(name).readLines().any { it =~ /^\s+at [a-z]+\./ }: "${name}: no stack trace in the log"
}
assert results['clean.engine-left'].isEmpty(): "kube:clean on the cluster removes the tree's containers, volumes and images from each node's engine: ${results['clean.engine-left']}"
assert results['clean.engine-left-on-node-2'].isEmpty(): "and from the second node's: ${results['clean.engine-left-on-node-2']}"
return true
