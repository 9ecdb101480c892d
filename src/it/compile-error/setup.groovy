import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.copyFixture(new File(fixtureDir), basedir)
new File(basedir, 'cmd/kubectl/broken.go').text = 'package main\n\nvar broken = thisDoesNotExist\n'
kit.commitAll(basedir)
return true
