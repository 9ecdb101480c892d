import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
// two checkouts of the example tree at different commits: B holds A's two changes of this run and one more, so that
// B's volume is the nearest seed for A among whatever trees the engine has built
String run = UUID.randomUUID().toString()
['tree-a', 'tree-b'].each { String name ->
    File tree = new File(basedir, name)
    kit.copyFixture(new File(fixtureDir), tree)
    new File(tree, 'README.md') << "\nA change both checkouts of run ${run} have.\n"
    new File(tree, 'docs/run.md').text = "run ${run}\n"
    if (name == 'tree-b') {
        new File(tree, 'cmd/kubectl/kubectl.go') << '\n// a change only checkout B has\n'
    }
    kit.commitAll(tree)
    kit.forgetEarlierRuns(tree)
}
return true
