import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
File tree = new File(basedir, 'tree')
List<String> runs = log.split(/BUILD SUCCESS/).toList()
assert runs.size() == 5: 'four successful invocations'
assert !log.contains('Using deprecated property'): "each Maven gets docker-java's log level under the name its logger reads"
String generating = 'generated pkg/apis/core/zz_generated.deepcopy.go'

assert runs[0].contains('Building because no earlier successful build is recorded')
assert runs[0].contains(generating)

assert runs[1].contains("Up to date: nothing changed since the last successful 'make WHAT=cmd/kubectl'")
assert !runs[1].contains('Syncing'): 'an up-to-date build starts no rsync or build container'
assert !runs[1].contains('Running build command')
assert !runs[1].contains('Docker engine'): 'a build found up to date is told without the engine client'

assert runs[2] =~ /Build image kube-mvn-build:build-[0-9a-f]{10}-1-v1.19.8-1 is up to date/
assert runs[2].contains('Reusing data container kube-mvn-data-')
assert runs[2].contains('Running build command: make WHAT=cmd/kubectl')
assert !runs[2].contains(generating): 'generated files kept in the volume are not made again'

assert runs[3].contains(generating): 'kube.keepGenerated=false makes them anew, as upstream does'

assert log.count('Building Docker image') == 1
assert log.count('Creating data container') == 1
assert new File(tree, '_output/dockerized/bin/linux/amd64/kubectl').canExecute()
String hash = kit.treeHash(log)
assert kit.containersOf(hash, true).isEmpty()
assert kit.imagesOf(hash) == ["kube-mvn-build:build-${hash}-1-v1.19.8-1".toString()]
return true
