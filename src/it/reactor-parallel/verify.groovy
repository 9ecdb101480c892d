import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
assert !log.contains('is not marked as @threadSafe')
['tree-one', 'tree-two'].each { name ->
    File tree = new File(basedir, name)
    assert new File(tree, '_output/release-tars/kubernetes-client-linux-amd64.tar.gz').isFile()
    assert kit.containersOf(kit.expectedTreeHash(tree), true).isEmpty()
}
return true
