import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.copyFixture(new File(fixtureDir), basedir)
kit.commitAll(basedir, 'v1.5.0')
return true
