def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
File tree = new File(basedir, 'tree')
kit.copyFixture(new File(fixtureDir), tree)
kit.commitAll(tree, 'v1.5.0')
kit.forgetEarlierRuns(tree)
return true
