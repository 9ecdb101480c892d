import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.copyFixture(new File(fixtureDir), basedir)
kit.commitAll(basedir)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
kit.run(basedir, ['git', 'checkout', '-q', '-b', 'topic'])
kit.forgetEarlierRuns(basedir)
def topic = kit.maven(basedir, localRepositoryPath, settings, plugin + ':build',
        ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64', '-Dkube.seed=none'])
new File(basedir, 'topic-branch.log').text = topic.output
assert topic.exitCode == 0: topic.output
kit.run(basedir, ['git', 'checkout', '-q', 'main'])
kit.forgetEarlierRuns(basedir)
File other = new File(basedir.parentFile, 'clean-keeps-other-tree-second')
other.deleteDir()
kit.copyFixture(new File(fixtureDir), other)
kit.commitAll(other)
def result = kit.maven(other, localRepositoryPath, settings, plugin + ':build',
        ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'other-tree.log').text = result.output
assert result.exitCode == 0: result.output
return true
