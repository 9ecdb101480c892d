import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.copyFixture(new File(fixtureDir), tree)
kit.commitAll(tree, 'v3.1.4')
return true
