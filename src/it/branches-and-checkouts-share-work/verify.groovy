import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
def log = { String name -> new File(basedir, name + '.log').text }
Properties sums = new Properties()
new File(basedir, 'kubectl.properties').withInputStream { sums.load(it) }
String generating = 'generated pkg/apis/core/zz_generated.deepcopy.go'
String mainHash = kit.treeHash(log('main'))
File tree = new File(basedir, 'tree')

assert log('main').contains('Creating data container') && log('main').contains(generating)
String bindataWritten = 'bindata: wrote test/e2e/generated/bindata.go'
String bindataKept = 'bindata: test/e2e/generated/bindata.go unchanged'
String listChanged = 'Go file list changed'
assert log('main').contains(bindataWritten) && log('main').contains(listChanged)
assert log('edited-again').contains(listChanged): 'main listed its Go files before it wrote the bindata file; topic\'s second run lists it'

String newBranch = log('new-branch')
assert newBranch.contains("This tree is as the last successful 'make WHAT=cmd/kubectl' of another branch saw it.")
assert newBranch.contains('Up to date: nothing changed')
assert !newBranch.contains('Creating data container') && !newBranch.contains('Syncing'): 'a branch where another was built makes nothing'
assert sums['new-branch'] == sums.main

String edited = log('edited')
assert edited.contains("Seeded the new build volume from this tree's build volume kube-mvn-data-${mainHash}-1-v1.19.8-1 by stacking its layers")
List<String> isolation = new File(basedir, 'isolation.txt').text.readLines()
assert isolation[0] == 'main: written-by-main | 1 | kubectl: pod': isolation
assert isolation[1] == 'topic: written-by-topic | 0 | kubectl (topic): pod': isolation
List<String> store = new File(basedir, 'store.txt').text.readLines()
assert store[0] ==~ /kube-mvn-layers-[0-9a-f]{10}-1-v1\.19\.8-1/: store
assert store[1] == store[2] && store[1].startsWith('../../dirs/'): 'main\'s writes frozen when topic began, on top of both stacks: ' + store
assert store[3] == 'distinct': 'each branch writes a folder of its own: ' + store
assert store[4] == '0': 'main writes anew from an empty folder: ' + store
assert store[5] != '0': 'topic\'s own writes (its edit, its build) are in its folder: ' + store
assert store[6] == 'one': 'nothing else stacked: ' + store
assert !edited.contains(generating): 'the generated files of the branch before carry over'
assert edited =~ /Syncing [12] changed files? to container/:
        'the seed held what main sent: only the edit and the generated file main copied out after its sync-in are compared'
assert sums['edited.says'] == 'kubectl (topic): pod default/example'

assert log('edited-again').contains('Syncing 1 changed file to container'): 'only the edited file goes in'
assert sums['edited-again.says'] == 'kubectl (topic, again): pod default/example'

assert log('touched').contains('Up to date: nothing changed'): 'files touched with their content unchanged are no change'
assert log('edited-after-touch').contains('Syncing 1 changed file to container'):
        'the files touched before are known as touched in what the volume was sent, so only the edit goes in'
assert sums['edited-after-touch.says'] == 'kubectl (topic, after the touch): pod default/example'

String back = log('back-on-main')
assert back.contains('Restored 1 binary of that build into') && back.contains('Up to date: nothing changed')
assert sums['back-on-main'] == sums.main && sums['back-on-main.says'] == 'kubectl: pod default/example'

String clone = log('second-clone')
assert clone.contains("Seeded the new build volume from the build volume of ${tree.canonicalPath}, kube-mvn-data-${mainHash}-1-v1.19.8-1 by stacking its layers ("):
        'main\'s volume, which holds this commit, though topic\'s was synced in more recently; its frozen layers lent, not copied'
List<String> cloneStore = new File(basedir, 'clone-store.txt').text.readLines()
assert cloneStore[0] == cloneStore[1] && cloneStore[0].startsWith('../../dirs/'): 'the clone stacks the folder main froze: ' + cloneStore
assert cloneStore[2] == 'distinct': 'the clone writes a folder of its own: ' + cloneStore
assert clone =~ /Syncing (sources|\d+ changed files?) to container/: 'by content, against what the seed was sent'
assert !clone.contains(generating)
assert clone.contains(bindataWritten) && !clone.contains(listChanged):
        'main\'s volume lists no bindata file, so the seed drops its copy and make finds its list as main left it'
assert !new File(basedir, 'second-clone/test/e2e/generated/bindata.go').exists()
assert log('clone-manifest-edited').contains(bindataWritten): 'the copy is made anew once its source changes'
assert !edited.contains(listChanged) && edited.contains(bindataWritten): 'a new branch seeded from main\'s volume, likewise'

String topicClone = log('topic-clone')
assert topicClone =~ /Syncing sources to container/
assert topicClone.contains('by stacking its layers'): 'topic\'s volume lends the folders it stacks, and its own writes are copied'
List<String> topicCloneState = new File(basedir, 'topic-clone-state.txt').text.readLines()
assert topicCloneState == ['same', 'd', 'l', 'main unchanged']:
        'the clone shows what topic shows over the layer main froze (a file become a folder, a folder a link, a file gone), ' +
        'and main\'s view is as it was: ' + topicCloneState
assert topicClone.contains(bindataKept) && !topicClone.contains(listChanged):
        'topic\'s volume lists the bindata file: the clone keeps the seed\'s copy, though git ignores it and the clone lacks it'
assert !topicClone.contains('cannot delete')
assert sums['topic-clone'] == sums['edited-after-touch']
assert sums['second-clone'] == sums.main: 'a second clone of the same commit builds the same kubectl'

List<String> mounts = new File(basedir, 'cache-mounts.txt').text.readLines().findAll { it }
assert mounts.size() == 3: 'the data containers of main, topic and the clone'
assert mounts.every { it.contains('kube-mvn-go-cache-1-v1.19.8-1') }: 'all of them share one Go build cache'

assert log('bounded') =~ /Trimmed the shared Go build cache kube-mvn-go-cache-1-v1\.19\.8-1 from \d+ to [01] MiB/

String cleanBuild = log('topic-from-scratch')
assert cleanBuild.contains('Creating data container') && !cleanBuild.contains('Seeded') && cleanBuild.contains(generating)
assert cleanBuild.contains(bindataWritten)
assert sums['topic-from-scratch'] == sums['edited-after-touch']: 'the seeded, incremental builds equal a clean build of the same commit'

assert new File(basedir, 'volumes-after-clean.txt').text.readLines().contains('kube-mvn-go-cache-1-v1.19.8-1'): 'kube:clean keeps the shared cache'
String cleanWithCache = log('clean-with-cache')
assert cleanWithCache.contains('Removed the shared Go build cache kube-mvn-go-cache-1-v1.19.8-1')
        || cleanWithCache.contains('Emptied the shared Go build cache kube-mvn-go-cache-1-v1.19.8-1')
assert new File(basedir, 'layers-after-clean.txt').text.trim().isEmpty(): 'the last volume that used the store cleaned, the store goes'
assert new File(basedir, 'branches-after-clean.txt').text.trim().isEmpty(): 'the folders of the cleaned trees\' volumes go with them'
if (cleanWithCache.contains('Removed the shared Go build cache')) {
    assert new File(basedir, 'cache-after-clean.txt').text.trim().isEmpty()
}
return true
