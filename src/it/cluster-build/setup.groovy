// The example tree built for two platforms on a real two-node Kubernetes cluster (scripts/setup/cluster.sh): each node
// builds one platform, every container of its share running as a pod there, and the node's own Docker engine (the local
// one, the second engine) builds the build image and keeps the tree's volumes; files move through exec streams of the
// Kubernetes API. The cluster's scheduler says which nodes build: a probe pod per share shows where it would go. A
// build, an edit built incrementally, a node tainted against new pods left out, Ctrl-C while a command runs, kill -9 of Maven while one runs (its
// pods stop by themselves once their lease runs out), a
// command that fails (in the run after the kill, which removes what the killed run left), and
// kube:clean; no pod and no run's owner object is left after any of them, and the edited kubectl of both platforms is byte for byte the one a Docker engine builds from the same tree.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
Properties cluster = kit.startCluster(new File(fixtureDir).parentFile.parentFile.parentFile, 45)
File tree = new File(basedir, 'tree')
Properties second = kit.freshTreeOnBothEngines(new File(fixtureDir), tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File kubectl = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')
File armKubectl = new File(tree, '_output/dockerized/bin/linux/arm64/kubectl')
Map<String, String> kubeconfig = [KUBECONFIG: cluster.CLUSTER_KUBECONFIG]
List<String> twoPlatforms = ['-Dkube.platforms=linux/amd64,linux/arm64']
List<String> onCluster = ['-Dkube.engine=k8s://kube-maven/default'] + twoPlatforms
Properties results = new Properties()

def goal = { String name, String goal, List<String> properties, Map<String, String> environment ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':' + goal, properties, environment)
    new File(basedir, name + '.log').text = result.output
    results[name + '.exit'] = String.valueOf(result.exitCode)
    results[name + '.left'] = kit.clusterObjectsLeft(cluster).join(' ')
    return result
}

assert goal('first', 'build', onCluster, kubeconfig).exitCode == 0
results['first.kubectl'] = kit.sha256(kubectl)
results['first.arm-kubectl'] = kit.sha256(armKubectl)
results['first.events'] = kit.kubectl(cluster, 'get', 'events', '-n', 'default', '-o',
        'jsonpath={range .items[*]}{.involvedObject.name} {.reason} {.source.host}{"\\n"}{end}')

File source = new File(tree, 'cmd/kubectl/kubectl.go')
source.text = source.text.replace('kubectl: pod %s/%s', 'kubectl (built on a cluster): pod %s/%s')
assert goal('edited', 'build', onCluster, kubeconfig).exitCode == 0
results['edited.kubectl'] = kit.sha256(kubectl)
results['edited.arm-kubectl'] = kit.sha256(armKubectl)

// a node the scheduler will not use now (tainted) is left out: both platforms go to the other one
kit.kubectl(cluster, 'taint', 'nodes', 'kube-mvn-node-2', 'kube-maven-it/no-builds=:NoSchedule')
try {
    armKubectl.delete()
    assert goal('tainted', 'build', onCluster + ['-Dkube.force=true'], kubeconfig).exitCode == 0
    results['tainted.arm-kubectl'] = kit.sha256(armKubectl)
} finally {
    kit.kubectl(cluster, 'taint', 'nodes', 'kube-mvn-node-2', 'kube-maven-it/no-builds:NoSchedule-')
}

File interruptedLog = new File(basedir, 'interrupted.log')
def command = kit.interruptibleMavenCommand(localRepositoryPath, settings, plugin + ':run',
        onCluster + ['-Dkube.command=sleep 600', '-Dkube.memory=1g', '-Dkube.cpus=0.5'])
def builder = new ProcessBuilder(command).directory(tree).redirectErrorStream(true).redirectOutput(interruptedLog)
builder.environment().putAll(kubeconfig)
def process = builder.start()
try {
    assert kit.waitFor(180) { interruptedLog.text.contains('Running build command: sleep 600') }: interruptedLog.text
    assert kit.waitFor(60) { kit.kubectl(cluster, 'get', 'pods', '-o', 'name').readLines().any { it.startsWith('pod/kube-mvn-build-') } }
    results['interrupted.pods-before'] = kit.kubectl(cluster, 'get', 'pods', '-o', 'name').readLines().join(' ')
    String buildPod = kit.kubectl(cluster, 'get', 'pods', '-o', 'name').readLines().find { it.startsWith('pod/kube-mvn-build-') }
    results['interrupted.build-pod'] = kit.kubectl(cluster, 'get', buildPod, '-o',
            'jsonpath={.metadata.ownerReferences[*].kind}/{.metadata.ownerReferences[*].name} {.spec.containers[0].resources.limits.memory} {.spec.containers[0].resources.requests.cpu}')
    results['interrupted.owners'] = kit.kubectl(cluster, 'get', 'configmaps', '-l', 'app.kubernetes.io/managed-by=kube-maven-plugin', '-o', 'name')
    kit.run(tree, ['kill', '-INT', Long.toString(process.pid())])
    assert process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS): 'Maven ends on Ctrl-C'
    results['interrupted.left'] = kit.clusterObjectsLeft(cluster).join(' ')
} finally {
    process.destroyForcibly()
}

// kill -9 of Maven while its command runs: its pods and its owner object stay behind, and the tree's next run removes them
File killedLog = new File(basedir, 'killed.log')
def killedBuilder = new ProcessBuilder(kit.interruptibleMavenCommand(localRepositoryPath, settings, plugin + ':run',
        onCluster + ['-Dkube.command=sleep 600'])).directory(tree).redirectErrorStream(true).redirectOutput(killedLog)
killedBuilder.environment().putAll(kubeconfig)
def killed = killedBuilder.start()
try {
    assert kit.waitFor(180) { killedLog.text.contains('Running build command: sleep 600') }: killedLog.text
    assert kit.waitFor(60) { kit.kubectl(cluster, 'get', 'pods', '-o', 'name').readLines().any { it.startsWith('pod/kube-mvn-build-') } }
    kit.run(tree, ['kill', '-KILL', Long.toString(killed.pid())])
    long killedAt = System.nanoTime()
    assert killed.waitFor(30, java.util.concurrent.TimeUnit.SECONDS): 'Maven ends on kill -9'
    results['killed.left'] = kit.clusterObjectsLeft(cluster).join(' ')
    // nothing renews the lease of the killed run's pods any more: their commands stop by themselves
    boolean stopped = kit.waitFor(240) {
        List<String> phases = kit.kubectl(cluster, 'get', 'pods', '-l', 'app.kubernetes.io/managed-by=kube-maven-plugin', '-o',
                'jsonpath={.items[*].status.phase}').split(' ').findAll { !it.isEmpty() }
        return !phases.isEmpty() && phases.every { it == 'Failed' || it == 'Succeeded' }
    }
    results['killed.stopped-after'] = stopped ? String.valueOf((System.nanoTime() - killedAt).intdiv(1_000_000_000L)) : 'never'
    results['killed.phases'] = kit.kubectl(cluster, 'get', 'pods', '-l', 'app.kubernetes.io/managed-by=kube-maven-plugin', '-o',
            'jsonpath={range .items[*]}{.metadata.name}={.status.phase} {end}')
} finally {
    killed.destroyForcibly()
}

goal('failing', 'run', onCluster + ['-Dkube.command=make no-such-target'], kubeconfig)

assert goal('clean', 'clean', onCluster, kubeconfig).exitCode == 0
results['clean.engine-left'] = kit.everythingOf('unix:///var/run/docker.sock', kit.expectedTreeHash(tree)).join(' ')
results['clean.engine-left-on-node-2'] = kit.everythingOf(second.SECOND_ENGINE_SOCKET, kit.expectedTreeHash(tree)).join(' ')

kubectl.delete()
armKubectl.delete()
assert goal('docker', 'build', twoPlatforms, [:]).exitCode == 0
results['docker.kubectl'] = kit.sha256(kubectl)
results['docker.arm-kubectl'] = kit.sha256(armKubectl)
new File(basedir, 'results.properties').withOutputStream { results.store(it, null) }
return true
