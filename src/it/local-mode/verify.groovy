import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
assert log =~ /Go 1\.19\.\d+ at \S+\/go/
assert log.contains('Running on the host in ')
assert !log.contains('Docker engine'): 'the host-side build needs no Docker'

File bin = new File(basedir, '_output/local/bin')
assert kit.elfMachine(new File(bin, 'linux/amd64/kubectl')) == 62
assert kit.elfMachine(new File(bin, 'linux/arm64/kubectl')) == 183
String head = kit.run(basedir, ['git', 'rev-parse', 'HEAD']).trim()
String version = kit.run(basedir, [new File(bin, 'linux/amd64/kubectl').path, 'version'])
assert version.contains('GitVersion:"v1.5.0"') && version.contains("GitCommit:\"${head}\""): version
assert version.contains('BuildDate:"2021-01-18T20:00:00Z"'): version
assert !new File(basedir, '_output/dockerized').exists()

assert log.contains('go build -v in ')
File quick = new File(basedir, 'cmd/kubelet/kubelet')
assert kit.elfMachine(quick) == 62
assert kit.run(basedir, [quick.path]).contains('kubelet: node local')
return true
