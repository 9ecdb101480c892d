// A -Dkube.* property no goal reads is named in one warning, with the property meant where one is near; the goal
// still runs.
def kit = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, "ItSupport.groovy")).newInstance()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':clean', ['-Dkube.platfroms=linux/arm64', '-Dkube.foo=bar',
        '-Dkube.cleanBranch=true', '-Dkube.testTargets=test'])
new File(basedir, 'clean.log').text = result.output
assert result.exitCode == 0: result.output
List<String> warnings = result.output.readLines().findAll { it.startsWith('[WARNING] The property kube.') }
assert warnings == ['[WARNING] The property kube.foo is read by no goal of this plugin, so it changes nothing.',
                    '[WARNING] The property kube.platfroms is read by no goal of this plugin, so it changes nothing; did you mean kube.platforms?']:
        result.output
assert !result.output.contains('kube.testTargets is read by no goal'): 'a property of another goal is known'
return true
