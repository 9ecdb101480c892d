def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree, 'v1.5.0')
return true
