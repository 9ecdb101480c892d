import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
def first = kit.maven(tree, localRepositoryPath, new File(basedir.parentFile, 'interpolated-settings.xml'), plugin + ':build',
        ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'first-build.log').text = first.output
assert first.exitCode == 0: first.output
new File(tree, 'build/build-image/VERSION').text = '2\n'
return true
