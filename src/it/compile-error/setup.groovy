def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
kit.copyFixture(new File(fixtureDir), basedir)
new File(basedir, 'cmd/kubectl/broken.go').text = 'package main\n\nvar broken = thisDoesNotExist\n'
kit.commitAll(basedir)
return true
