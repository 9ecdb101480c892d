// A tree shaped like Kubernetes 1.29-1.34 (src/it/fixture-tree-1.33), committed and tagged as an alpha release.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
tree.deleteDir()
kit.copyFixture(new File(new File(fixtureDir).parentFile, 'fixture-tree-1.33'), tree)
new File(tree, 'docs/run.md').text = "run ${UUID.randomUUID()}\n"
kit.commitAll(tree, 'v1.99.0-alpha.1')
kit.forgetEarlierRuns(tree)
return true
