def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
kit.copyFixture(new File(fixtureDir), basedir)
File test = new File(basedir, 'pkg/apis/core/types_test.go')
test.text = test.text.replace('if out == in || *out != *in {', 'if out == in || *out == *in {')
kit.commitAll(basedir)
return true
