import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.freshTree(new File(fixtureDir), basedir, 'v1.7.0')
return true
