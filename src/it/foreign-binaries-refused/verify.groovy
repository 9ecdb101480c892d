import io.github.kubemaven.it.ItSupport
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File treeA = new File(basedir, 'tree-a')
File treeB = new File(basedir, 'tree-b')

def built = kit.maven(treeB, localRepositoryPath, settings, plugin + ':build', ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64 linux/arm64'])
new File(basedir, 'build-b.log').text = built.output
assert built.exitCode == 0: built.output
File foreign = new File(treeB, '_output/dockerized/bin/linux/arm64/kubectl')
assert foreign.isFile()
// B's build leaves in its volume a generated file that is a link to a file of the build container
def linkPlanted = kit.maven(treeB, localRepositoryPath, settings, plugin + ':run',
        ['-Dkube.command=ln -sfn /etc/hostname pkg/apis/core/zz_generated.deepcopy.go', '-Dkube.copyOutput=false'])
new File(basedir, 'plant-b.log').text = linkPlanted.output
assert linkPlanted.exitCode == 0: linkPlanted.output

def seeded = kit.maven(treeA, localRepositoryPath, settings, plugin + ':build', ['-X', '-Dkube.seed=checkouts', '-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'build-a.log').text = seeded.output
assert seeded.exitCode == 0: seeded.output
assert seeded.output.contains("Seeded the new build volume from the build volume of ${treeB.canonicalPath}"): seeded.output
assert new File(treeA, '_output/dockerized/bin/linux/amd64/kubectl').isFile()
assert !java.nio.file.Files.isSymbolicLink(treeA.toPath().resolve('pkg/apis/core/zz_generated.deepcopy.go')): 'no link of B reached A'
assert new File(treeA, 'pkg/apis/core/zz_generated.deepcopy.go').text.startsWith('// Code generated'): 'A generated its own'
assert !new File(treeA, '_output/dockerized/bin/linux/arm64').exists(): 'the seed brought no binary of checkout B'
String version = kit.run(treeA, [new File(treeA, '_output/dockerized/bin/linux/amd64/kubectl').path, 'version'])
String commitA = kit.run(treeA, ['git', 'rev-parse', 'HEAD']).trim()
assert version.contains(commitA): version

// a branch of A filled from A's volume, which still holds what B's builds generated, holds it too (its release, at
// the end, makes the generated files anew as well)
def git = { File dir, String... arguments -> kit.run(dir, ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost'] + arguments.toList()) }
git(treeA, 'checkout', '-q', '-b', 'topic')
new File(treeA, 'docs/topic.md').text = 'a topic of A\n'
git(treeA, 'add', 'docs/topic.md')
git(treeA, 'commit', '-qm', 'topic')
def topicBuild = kit.maven(treeA, localRepositoryPath, settings, plugin + ':build', ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'build-a-topic.log').text = topicBuild.output
assert topicBuild.exitCode == 0: topicBuild.output
assert topicBuild.output.contains("Seeded the new build volume from this tree's build volume"): topicBuild.output
git(treeA, 'checkout', '-q', 'main')
def backOnMain = kit.maven(treeA, localRepositoryPath, settings, plugin + ':build', ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64'])
new File(basedir, 'build-a-main-again.log').text = backOnMain.output
assert backOnMain.exitCode == 0: backOnMain.output

// B's binary reaches A's _output/ by any other way: packaging refuses it by name
File planted = new File(treeA, '_output/dockerized/bin/linux/arm64/kubectl')
planted.parentFile.mkdirs()
Files.copy(foreign.toPath(), planted.toPath(), StandardCopyOption.COPY_ATTRIBUTES)
def refused = kit.maven(treeA, localRepositoryPath, settings, plugin + ':package',
        ['-Dkube.crossBuild=false', '-Dkube.platforms=linux/arm64', '-Dkube.tarballs=client'])
new File(basedir, 'package-arm64.log').text = refused.output
assert refused.exitCode != 0: refused.output
assert refused.output.contains('Refusing to package _output/dockerized/bin/linux/arm64/kubectl: no build of this tree at commit ' + commitA):
        refused.output
assert !new File(treeA, '_output/release-tars/kubernetes-client-linux-arm64.tar.gz').exists()

def packaged = kit.maven(treeA, localRepositoryPath, settings, plugin + ':package',
        ['-Dkube.crossBuild=false', '-Dkube.platforms=linux/amd64', '-Dkube.tarballs=client'])
new File(basedir, 'package-amd64.log').text = packaged.output
assert packaged.exitCode == 0: 'what this tree built at its commit packages as before\n' + packaged.output
assert new File(treeA, '_output/release-tars/kubernetes-client-linux-amd64.tar.gz').isFile()

// a release over a volume seeded from another checkout generates its files from this tree's sources, once
def released = kit.maven(treeA, localRepositoryPath, settings, plugin + ':package', ['-Dkube.platforms=linux/amd64', '-Dkube.tarballs=client'])
new File(basedir, 'release-a.log').text = released.output
assert released.exitCode == 0: released.output
String anew = 'Making the generated files anew for this release: the build volume was seeded from another tree\'s.'
assert released.output.contains(anew)
def again = kit.maven(treeA, localRepositoryPath, settings, plugin + ':package',
        ['-Dkube.platforms=linux/amd64', '-Dkube.tarballs=client', '-Dkube.force=true'])
new File(basedir, 'release-a-again.log').text = again.output
assert again.exitCode == 0: again.output
assert !again.output.contains(anew): 'the volume holds this tree\'s own generated files now'

git(treeA, 'checkout', '-q', 'topic')
def topicRelease = kit.maven(treeA, localRepositoryPath, settings, plugin + ':package', ['-Dkube.platforms=linux/amd64', '-Dkube.tarballs=client'])
new File(basedir, 'release-a-topic.log').text = topicRelease.output
assert topicRelease.exitCode == 0: topicRelease.output
assert topicRelease.output.contains(anew): 'B\'s work went along with the copy of A\'s volume to the topic branch\n' + topicRelease.output
assert kit.containersOf(kit.treeHash(seeded.output), true).isEmpty()
return true
