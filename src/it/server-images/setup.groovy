def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
kit.copyFixture(new File(fixtureDir), basedir)
kit.commitAll(basedir, 'v1.7.0')
kit.forgetEarlierRuns(basedir)
return true
