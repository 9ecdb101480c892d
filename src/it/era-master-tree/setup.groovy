// A tree shaped like Kubernetes master: the tree shaped like 1.29-1.34 with src/it/fixture-tree-master laid over it and
// the files its REMOVED lists gone (no build-image Dockerfile, VERSION or rsync daemon script); committed and tagged.
// Its .go-version and cross image tag follow the Go the stand-in cross image holds, which Debian unstable moves on.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
tree.deleteDir()
File fixtures = new File(fixtureDir).parentFile
kit.copyFixture(new File(fixtures, 'fixture-tree-1.33'), tree)
File master = new File(fixtures, 'fixture-tree-master')
kit.copyFixture(master, tree)
new File(tree, 'REMOVED').delete()
new File(master, 'REMOVED').readLines().findAll { it.trim() }.each { String path ->
    assert new File(tree, path).delete(): "${path} was in the tree shaped like 1.29-1.34"
}
String go = kit.docker('run', '--rm', 'kube-maven-plugin/go-base:1.26-no-rsync', 'go', 'env', 'GOVERSION').trim()
assert go ==~ /go1\.26\.\d+/
new File(tree, '.go-version').text = go.substring(2) + '\n'
new File(tree, 'build/build-image/cross/VERSION').text = "v1.37.0-${go}-bullseye.0\n"
new File(tree, 'docs/run.md').text = "run ${UUID.randomUUID()}\n"
kit.commitAll(tree, 'v1.37.0-alpha.0')
kit.forgetEarlierRuns(tree)
String secondSocket = kit.secondEngine().getProperty('SECOND_ENGINE_SOCKET')
kit.forgetEarlierRunsOn(secondSocket, tree)
kit.dockerOn(secondSocket, 'tag', 'kube-maven-plugin/go-base:1.26-no-rsync', "registry.k8s.io/build-image/kube-cross:v1.37.0-${go}-bullseye.0")
return true
