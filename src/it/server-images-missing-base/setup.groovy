def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
kit.copyFixture(new File(fixtureDir), basedir)
File common = new File(basedir, 'build/common.sh')
common.text = common.text.replace('kube-maven-plugin/server-base:1', 'kube-maven-plugin/no-such-server-base:1')
kit.commitAll(basedir, 'v1.7.0')
return true
