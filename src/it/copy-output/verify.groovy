import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log.contains('Output from this container will NOT be rsynced out')
int buildAt = log.indexOf('Running build command: make WHAT=cmd/kubelet')
int copyAt = log.indexOf('Syncing out of container')
assert buildAt > 0 && copyAt > buildAt: 'only copy-output copies, after the build'
assert log.count('Syncing out of container') == 1

File kubelet = new File(basedir, '_output/dockerized/bin/linux/amd64/kubelet')
assert kit.elfMachine(kubelet) == 62
String version = kit.run(basedir, [kubelet.path, '--version'])
assert version.contains('GitVersion:"v2.0.0-rc.1"'): version
assert version.contains('GitCommit:"0123456789abcdef0123456789abcdef01234567"'): version
assert kit.containersOf(kit.treeHash(log), true).isEmpty()
return true
