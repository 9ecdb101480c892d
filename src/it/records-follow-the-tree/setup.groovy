// The up-to-date record sees a lost executable bit; the plugin leaves no file of its own in the tree that git sees;
// packaging without a build refuses binaries of another commit; the local build's record follows the version.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.copyFixture(new File(fixtureDir), tree)
File ignore = new File(tree, '.gitignore')
ignore.text = ignore.readLines().findAll { !it.contains('dockerized-kube-version-defs') }.join('\n') + '\n'
kit.commitAll(tree, 'v1.6.0')
kit.forgetEarlierRuns(tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
List<String> build = ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']
def step = { String name, String goal, List<String> properties ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + goal, properties)
    new File(basedir, "${name}.log").text = result.output
    return result
}

def first = step('first', ':build', build)
assert first.exitCode == 0: first.output
assert kit.run(tree, ['git', 'status', '--porcelain']).isEmpty(): 'the plugin leaves nothing git sees in the tree'
String version = kit.run(tree, [new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').path, 'version'])
assert version.contains('v1.6.0') && !version.contains('dirty'): version

def unchanged = step('unchanged', ':build', build)
assert unchanged.output.contains('Up to date'): unchanged.output

// git is told to ignore modes here, so the version stamp stays the same and only the record can see the change
kit.run(tree, ['git', 'config', 'core.fileMode', 'false'])
File script = new File(tree, 'hack/make-rules/build.sh')
long modified = script.lastModified()
kit.run(tree, ['chmod', 'a-x', script.path])
script.setLastModified(modified)
def modeChanged = step('mode-changed', ':build', build)
assert modeChanged.output.contains('Building because source hack/make-rules/build.sh changed'): modeChanged.output
assert modeChanged.exitCode != 0: 'the script the build runs lost its executable bit, so the build fails as it would with make'
kit.run(tree, ['chmod', 'a+x', script.path])
def restored = step('restored', ':build', build)
assert restored.exitCode == 0: restored.output

new File(tree, 'NOTES.md').text = 'a new commit\n'
kit.run(tree, ['git', 'add', 'NOTES.md'])
kit.run(tree, ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost', 'commit', '-qm', 'notes'])
def packaged = step('package-stale', ':package', ['-Dkube.crossBuild=false', '-Dkube.tarballs=client', '-Dkube.platforms=linux/amd64'])
assert packaged.exitCode != 0: packaged.output
assert packaged.output =~ /The binaries in _output\/ were built from commit [0-9a-f]{40} \(clean\), and the tree is now at [0-9a-f]{40} \(clean\)/: packaged.output
assert !new File(tree, '_output/release-tars/kubernetes-client-linux-amd64.tar.gz').exists()

List<String> local = ['-Dkube.mode=local'] + build
def localFirst = step('local-first', ':build', local)
assert localFirst.exitCode == 0: localFirst.output
def localAgain = step('local-again', ':build', local)
assert localAgain.output.contains('Up to date'): localAgain.output
kit.run(tree, ['git', 'tag', 'v1.6.1'])
def localTagged = step('local-tagged', ':build', local)
assert localTagged.output.contains('Building because the version stamp (a new commit, tag or tree state) changed'): 'a new version stamp rebuilds'
assert localTagged.exitCode == 0: localTagged.output
return true
