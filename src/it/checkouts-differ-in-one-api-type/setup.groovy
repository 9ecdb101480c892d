// Checkout A: the example tree with a second API package and its generator built as a tool of the build, as
// Kubernetes builds deepcopy-gen up to 1.28; B is cloned from A in verify.groovy.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File treeA = new File(basedir, 'tree-a')
File treeB = new File(basedir, 'tree-b')
[treeA, treeB].each { it.deleteDir() }
kit.copyFixture(new File(fixtureDir), treeA)
kit.copyFixture(new File(basedir, 'tree-overlay'), treeA)
assert new File(treeA, 'hack/make-rules/build-tool.sh').setExecutable(true, false)
// a change of this run's own, so that no volume an earlier run left holds the same sources
new File(treeA, 'docs/run.md').text = "run ${UUID.randomUUID()}\n"
kit.commitAll(treeA)
kit.forgetEarlierRuns(treeA)
return true
