// A new branch, an edit on it, a touch, a return to the first branch and a second clone of the same commit, each as
// a user meets it: what carries over from the builds before, and that the results are those of a clean build.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
File clone = new File(basedir, 'second-clone')
kit.freshTree(new File(fixtureDir), tree)
[tree, clone].each { File dir ->
    kit.docker('ps', '-aq', '--filter', "label=io.github.kubemaven.root=${dir.canonicalPath}").readLines().findAll { it }
            .each { kit.docker('rm', '-f', '-v', it) }
}
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
List<String> build = ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']
Properties sums = new Properties()
def step = { String name, File dir, List<String> properties ->
    def result = kit.maven(dir, localRepositoryPath, settings, plugin + (name.startsWith('clean') ? ':clean' : ':build'), properties)
    new File(basedir, "${name}.log").text = result.output
    assert result.exitCode == 0: "${name}: ${result.output}"
    File kubectl = new File(dir, '_output/dockerized/bin/linux/amd64/kubectl')
    if (!name.startsWith('clean')) {
        sums[name] = kit.sha256(kubectl)
        sums[name + '.says'] = kit.run(dir, [kubectl.path]).trim()
    }
}
def git = { File dir, String... arguments ->
    kit.run(dir, ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost'] + arguments.toList(), ['GIT_COMMITTER_DATE': '@1611000100'])
}
File source = new File(tree, 'cmd/kubectl/kubectl.go')

step('main', tree, build)
git(tree, 'checkout', '-q', '-b', 'topic')
step('new-branch', tree, build)
source.text = source.text.replace('kubectl: pod', 'kubectl (topic): pod')
git(tree, 'commit', '-qam', 'topic edit', '--date=@1611000100')
step('edited', tree, build)
source.text = source.text.replace('kubectl (topic): pod', 'kubectl (topic, again): pod')
git(tree, 'commit', '-qam', 'topic edit again', '--date=@1611000200')
step('edited-again', tree, build)
long later = System.currentTimeMillis() + 60_000
tree.eachFileRecurse { File file ->
    if (file.isFile() && !file.path.contains('/.git/') && !file.path.contains('/_output/')) {
        file.setLastModified(later)
    }
}
step('touched', tree, build)
source.text = source.text.replace('kubectl (topic, again): pod', 'kubectl (topic, after the touch): pod')
git(tree, 'commit', '-qam', 'topic edit after the touch', '--date=@1611000300')
step('edited-after-touch', tree, build)
git(tree, 'checkout', '-q', 'main')
step('back-on-main', tree, build)

clone.deleteDir()
kit.run(basedir, ['git', 'clone', '-q', tree.path, clone.path])
kit.forgetEarlierRuns(clone)
step('second-clone', clone, build + ['-Dkube.seed=checkouts'])
List<String> dataContainers = [clone, tree].collectMany { File dir ->
    kit.docker('ps', '-a', '--format', '{{.Names}}', '--filter', "label=io.github.kubemaven.root=${dir.canonicalPath}",
            '--filter', 'label=io.github.kubemaven.role=data').readLines().findAll { it }
}
new File(basedir, 'cache-mounts.txt').text = dataContainers.collect { String container ->
    container + ': ' + kit.docker('inspect', '--format', '{{range .Mounts}}{{.Name}} {{end}}', container).trim()
}.join('\n') + '\n'
step('bounded', clone, build + ['-Dkube.force=true', '-Dkube.goCacheSize=1M'])
git(clone, 'checkout', '-q', '-b', 'topic', 'origin/topic')
assert new File(clone, 'pkg/apis/core/zz_generated.deepcopy.go').delete(): 'copied out by the builds before; git ignores it'
step('topic-from-scratch', clone, build + ['-Dkube.seed=none'])
step('clean-clone-topic', clone, [])
git(clone, 'checkout', '-q', 'main')
step('clean-clone', clone, [])
new File(basedir, 'volumes-after-clean.txt').text = kit.docker('volume', 'ls', '--format', '{{.Name}}')
step('clean-with-cache', tree, ['-Dkube.cleanCache=true'])
new File(basedir, 'cache-after-clean.txt').text = kit.docker('volume', 'ls', '--format', '{{.Name}}', '--filter', 'name=kube-mvn-go-cache-')
sums.each { key, value -> assert value != null }
new File(basedir, 'kubectl.properties').withOutputStream { sums.store(it, null) }
return true
