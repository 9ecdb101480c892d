Properties results = new Properties()
new File(basedir, 'results.properties').withInputStream { results.load(it) }
def log = { String name -> new File(basedir, name + '.log').text }
String password = new File(basedir, 'password').text
String registry = (new File(basedir, 'registry.yml').text =~ /addr: (\S+)/)[0][1]

String pushed = log('pushed')
assert pushed.contains('BUILD SUCCESS')
assert pushed.contains('Building Docker image kube-mvn-build:build-'): 'node 1 has no build image of the tree: it builds one'
def push = pushed =~ /Pushing build image kube-mvn-build:build-\S+ to ${java.util.regex.Pattern.quote(registry)}\/kube-it\/kube-mvn-build:([0-9a-f]{64}) as kube-it \(settings.xml server ${java.util.regex.Pattern.quote(registry)}\)/
assert push.find(): 'node 1 pushes the image it built, under its context fingerprint, with the login of the server named after the registry'
String fingerprint = push.group(1)
assert pushed.contains('The registry of kube.registry has no build image of this context yet')
assert !pushed.contains('Error during callback'): 'a registry without the image is an answer, not an error, even at debug level'
assert results['pushed.tags'].contains(fingerprint): "the registry holds the image: ${results['pushed.tags']}"
assert results['pushed.images-node-2'].isEmpty(): 'node 2 had no build image of the tree before its build'

String pulled = log('pulled')
assert pulled.contains('BUILD SUCCESS')
assert pulled =~ /Build image kube-mvn-build:build-\S+ pulled from ${java.util.regex.Pattern.quote(registry)}\/kube-it\/kube-mvn-build:${fingerprint}/
assert !pulled.contains('Building Docker image'): 'node 2 pulls the image instead of building it'
assert !pulled.contains('Pushing build image'): 'and has nothing to push'
assert results['pulled.images-node-2'] =~ /^kube-mvn-build:build-\S+$/: 'node 2 has the build image under its own name'
assert results['pulled.shared-tags-node-2'].isEmpty(): 'the registry name is not left on the engine'
assert results['pulled.kubectl'] == results['pushed.kubectl']: 'the image from the registry builds the same kubectl, byte for byte'

String otherTree = log('other-tree')
assert otherTree.contains('BUILD SUCCESS')
assert otherTree =~ /Build image kube-mvn-build:build-\S+ pulled from ${java.util.regex.Pattern.quote(registry)}\/kube-it\/kube-mvn-build:${fingerprint}/
assert !otherTree.contains('Building Docker image') && !otherTree.contains('Pushing build image')
assert results['other-tree.images-node-1'] =~ /^kube-mvn-build:build-\S+$/: 'the other checkout\'s image carries its own tree\'s label'
assert results['cleaned.images-node-1'].isEmpty(): "kube:clean of each tree removes its image: ${results['cleaned.images-node-1']}"

String refused = log('refused')
assert results['refused.exit'] != '0'
assert refused.contains("The build image ${registry}/kube-it/kube-mvn-build:${fingerprint} could not be pulled from the registry of kube.registry: unauthorized: authentication required"): 'a wrong password fails naming the image and the registry\'s answer'
assert !refused.contains('Building Docker image'): 'and nothing is built instead'
assert !refused.readLines().any { it =~ /^\s+at [a-z]+\./ }: 'no stack trace'

assert results['refused-debug.exit'] != '0'
['pushed', 'pulled', 'other-tree', 'refused', 'refused-debug'].each { name ->
    assert !log(name).contains(password): "${name}: no log shows the registry password, even at debug level"
    assert results[name + '.left'].isEmpty(): "${name}: no pod and no owner outlives the run (${results[name + '.left']})"
}
return true
