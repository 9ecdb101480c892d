// The example tree built on a real two-node Kubernetes cluster (scripts/setup/cluster.sh): each container of the
// build runs as a pod on the first node, whose Docker engine (the local one) builds the build image and keeps the
// tree's volumes; files move through exec streams of the Kubernetes API. A build, an edit built incrementally, a
// command that fails, and kube:clean; no pod is left after any of them, and the edited kubectl is byte for byte the
// one a Docker engine builds from the same tree.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
Properties cluster = kit.cluster(45)
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File kubectl = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')
Map<String, String> kubeconfig = [KUBECONFIG: cluster.CLUSTER_KUBECONFIG]
List<String> onCluster = ['-Dkube.engine=k8s://kube-maven/default']
Properties results = new Properties()

def goal = { String name, String goal, List<String> properties, Map<String, String> environment ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':' + goal, properties, environment)
    new File(basedir, name + '.log').text = result.output
    results[name + '.exit'] = String.valueOf(result.exitCode)
    results[name + '.pods-left'] = kit.podsLeft(cluster).join(' ')
    return result
}

assert goal('first', 'build', onCluster, kubeconfig).exitCode == 0
results['first.kubectl'] = kit.sha256(kubectl)
results['first.events'] = kit.kubectl(cluster, 'get', 'events', '-n', 'default', '-o',
        'jsonpath={range .items[*]}{.involvedObject.name} {.reason} {.source.host}{"\\n"}{end}')

File source = new File(tree, 'cmd/kubectl/kubectl.go')
source.text = source.text.replace('kubectl: pod %s/%s', 'kubectl (built on a cluster): pod %s/%s')
assert goal('edited', 'build', onCluster, kubeconfig).exitCode == 0
results['edited.kubectl'] = kit.sha256(kubectl)

goal('failing', 'run', onCluster + ['-Dkube.command=make no-such-target'], kubeconfig)

assert goal('clean', 'clean', onCluster, kubeconfig).exitCode == 0
results['clean.left'] = kit.everythingOf('unix:///var/run/docker.sock', kit.expectedTreeHash(tree)).join(' ')

kubectl.delete()
assert goal('docker', 'build', [], [:]).exitCode == 0
results['docker.kubectl'] = kit.sha256(kubectl)
new File(basedir, 'results.properties').withOutputStream { results.store(it, null) }
return true
