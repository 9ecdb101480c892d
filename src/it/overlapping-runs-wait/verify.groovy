import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String first = new File(basedir, 'first.log').text
String second = new File(basedir, 'second.log').text
assert second =~ /Waiting for the lock of \S+, held by pid \d+ \(sleep 20, since /: second
assert second.contains('Got the lock of'): second
assert !second.contains('left by an earlier run'): 'the second run removed nothing of the first'
assert first.contains('BUILD SUCCESS') && second.contains('BUILD SUCCESS')
assert kit.containersOf(kit.treeHash(first), true).isEmpty()
return true
