import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.freshTree(new File(fixtureDir), basedir)
return true
