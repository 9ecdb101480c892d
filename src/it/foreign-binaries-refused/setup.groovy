def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
// two checkouts of the example tree at different commits
File other = new File(basedir, 'tree-b')
kit.copyFixture(new File(fixtureDir), other)
File main = new File(other, 'cmd/kubectl/kubectl.go')
main.text = main.text + '\n// a change only checkout B has\n'
kit.commitAll(other)
kit.forgetEarlierRuns(other)
kit.freshTree(new File(fixtureDir), new File(basedir, 'tree-a'))
return true
