def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
kit.copyFixture(new File(fixtureDir), basedir)
kit.commitAll(basedir)
File other = new File(basedir.parentFile, 'clean-keeps-other-tree-second')
other.deleteDir()
kit.copyFixture(new File(fixtureDir), other)
kit.commitAll(other)
def result = kit.maven(other, localRepositoryPath, new File(basedir.parentFile, 'interpolated-settings.xml'), plugin + ':build',
        ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'other-tree.log').text = result.output
assert result.exitCode == 0: result.output
return true
