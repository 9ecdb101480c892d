import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
def first = kit.maven(tree, localRepositoryPath, new File(basedir.parentFile, 'interpolated-settings.xml'), plugin + ':build',
        ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'first-build.log').text = first.output
assert first.exitCode == 0: first.output

File kubectl = new File(tree, 'cmd/kubectl/kubectl.go')
kubectl.text = kubectl.text.replace('kubectl: pod %s/%s', 'kubectl (edited): pod %s/%s')
File types = new File(tree, 'pkg/apis/core/types.go')
types.text = types.text + '\n// Service exposes pods.\ntype Service struct {\n\tName string\n}\n'
// a file restored from elsewhere keeps an old time; it must still count as changed in the container
types.setLastModified(978307200000L)
return true
