import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
assert !new File(tree, 'pom.xml').exists()
def result = kit.maven(tree, localRepositoryPath, new File(basedir.parentFile, 'interpolated-settings.xml'), plugin + ':build',
        ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'bare-build.log').text = result.output
assert result.exitCode == 0: result.output
String version = kit.run(tree, [new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').path, 'version'])
assert version.contains('GitVersion:"v3.1.4"'): version

def cleaned = kit.maven(tree, localRepositoryPath, new File(basedir.parentFile, 'interpolated-settings.xml'), plugin + ':clean')
assert cleaned.exitCode == 0: cleaned.output
assert !new File(tree, '_output').exists()
assert kit.containersOf(kit.treeHash(result.output)).isEmpty()
return true
