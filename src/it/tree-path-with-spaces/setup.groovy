// A tree whose path has spaces and non-ASCII letters: build, build again (up to date), clean, with one tree hash
// for the plugin and the tests alike.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'a tree with spaces ü 日本')
kit.freshTree(new File(fixtureDir), tree)
String expectedHash = kit.expectedTreeHash(tree)
List<String> properties = ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']

def first = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', properties)
new File(basedir, 'first-build.log').text = first.output
assert first.exitCode == 0: "the first build failed:\n${first.output}"
String hash = kit.treeHash(first.output)
assert hash == expectedHash: "the plugin hashes the tree as ${hash}, the tests as ${expectedHash} (${tree.canonicalPath}):\n${first.output}"
File kubectl = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')
assert kubectl.canExecute(): "no ${kubectl}:\n${first.output}"
assert kit.elfMachine(kubectl) == 62
String ran = kit.run(tree, [kubectl.path])
assert ran.contains('kubectl'): "the binary printed: ${ran}"
assert kit.containersOf(hash, true).isEmpty(): "still running after the build: ${kit.containersOf(hash, true)}"

def second = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', properties)
new File(basedir, 'second-build.log').text = second.output
assert second.exitCode == 0: "the second build failed:\n${second.output}"
assert second.output.contains("Up to date: nothing changed since the last successful 'make WHAT=cmd/kubectl'"):
        "the second build did not find the first up to date:\n${second.output}"
assert !second.output.contains('Running build command'): "the second build ran make again:\n${second.output}"

def clean = kit.maven(tree, localRepositoryPath, settings, plugin + ':clean')
new File(basedir, 'clean.log').text = clean.output
assert clean.exitCode == 0: "kube:clean failed:\n${clean.output}"
assert clean.output.readLines().any { it.contains("Removed containers ") && it.contains("kube-mvn-data-${hash}-") }: "kube:clean removed no data container:\n${clean.output}"
assert clean.output.readLines().any { it.contains("Removed images ") && it.contains("kube-mvn-build:build-${hash}-") }: "kube:clean removed no build image:\n${clean.output}"
assert clean.output.contains("Removed ${tree.canonicalPath}/_output"): "kube:clean names no removed _output:\n${clean.output}"
assert !new File(tree, '_output').exists(): "_output is still there after kube:clean:\n${clean.output}"
assert kit.containersOf(hash).isEmpty(): "containers left after kube:clean: ${kit.containersOf(hash)}"
assert kit.imagesOf(hash).isEmpty(): "images left after kube:clean: ${kit.imagesOf(hash)}"
assert kit.volumesOf(hash).isEmpty(): "volumes left after kube:clean: ${kit.volumesOf(hash)}"
assert new File(tree, 'cmd/kubectl/kubectl.go').isFile(): 'kube:clean leaves the sources alone'
return true
