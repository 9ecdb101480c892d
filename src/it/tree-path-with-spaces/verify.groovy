import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'a tree with spaces ü 日本')
String hash = kit.treeHash(new File(basedir, 'first-build.log').text)
assert new File(basedir, 'clean.log').isFile(): 'setup.groovy ran kube:clean'
assert !new File(tree, '_output').exists()
assert kit.containersOf(hash).isEmpty(): "containers of the tree: ${kit.containersOf(hash)}"
return true
