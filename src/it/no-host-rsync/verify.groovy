import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
assert new File(basedir, 'clean.log').isFile(): 'setup.groovy ran every step'
String hash = kit.expectedTreeHash(new File(basedir, 'tree'))
assert kit.containersOf(hash).isEmpty(): "containers of the tree: ${kit.containersOf(hash)}"
assert kit.imagesOf(hash).isEmpty(): "images of the tree: ${kit.imagesOf(hash)}"
return true
