def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
String log = new File(basedir, 'build.log').text
assert log.contains('Reusing data container'): 'the data container survives Ctrl-C, as intended'
assert new File(basedir, '_output/dockerized/bin/linux/amd64/kubectl').canExecute(): 'the next run works'
assert kit.containersOf(kit.treeHash(log), true).isEmpty()
return true
