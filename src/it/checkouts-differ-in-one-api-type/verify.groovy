// Two checkouts that differ in one API type: the one built second is filled from the first's build volume and
// makes again exactly the generated code of the package whose types differ, whatever times its files carry; a
// changed generator, and a type file put back to older content with an old time, are made again too; what comes
// out equals a clean build of the same sources.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File treeA = new File(basedir, 'tree-a')
File treeB = new File(basedir, 'tree-b')
List<String> kubectl = ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']
String platform = 'linux/' + ['amd64': 'amd64', 'x86_64': 'amd64', 'aarch64': 'arm64'][System.getProperty('os.arch')]
def build = { String name, File tree, List<String> properties ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', kubectl + properties)
    new File(basedir, name + '.log').text = result.output
    assert result.exitCode == 0: "${name}: ${result.output}"
    return result.output
}
def regenerated = { String log -> (log =~ /generated (pkg\/apis\/\w+)\/zz_generated\.deepcopy\.go/).collect { it[1] }.sort() }
def git = { File dir, String... arguments -> kit.run(dir, ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost'] + arguments.toList()) }
long older = 978307200000L // 2001-01-01, older than any build
def ageAll = { File tree ->
    tree.eachFileRecurse { File file ->
        if (file.isFile() && !file.path.contains('/.git/') && !file.path.contains('/_output/')) {
            file.setLastModified(older)
        }
    }
}

String first = build('build-a', treeA, ['-Dkube.seed=none'])
assert regenerated(first) == ['pkg/apis/apps', 'pkg/apis/core']: first
assert first.contains('building tool deepcopy-gen'): first

kit.run(basedir, ['git', 'clone', '-q', treeA.path, treeB.path])
kit.forgetEarlierRuns(treeB)
File appsTypes = new File(treeB, 'pkg/apis/apps/types.go')
String appsBefore = appsTypes.text
appsTypes << '\n// ReplicaSet keeps a set of pods.\ntype ReplicaSet struct {\n\tName string\n}\n'
git(treeB, 'commit', '-qam', 'apps: ReplicaSet')
ageAll(treeB)

String second = build('build-b', treeB, ['-Dkube.seed=checkouts'])
assert second.contains("Seeded the new build volume from the build volume of ${treeA.canonicalPath}"): second
assert regenerated(second) == ['pkg/apis/apps']: 'only the package whose types differ\n' + second
assert !second.contains('building tool deepcopy-gen'): 'the generator came with the seed\n' + second
assert second.contains('Not copied out, as no build of this tree made them: deepcopy-gen'): second
assert !new File(treeB, "_output/dockerized/bin/${platform}/deepcopy-gen").exists(): 'A\'s tool stays in the volume'
assert new File(treeB, "_output/dockerized/bin/${platform}/kubectl").isFile(): 'B\'s own kubectl comes out'
assert new File(treeB, 'pkg/apis/apps/zz_generated.deepcopy.go').text.contains('func (in *ReplicaSet) DeepCopy()')
assert new File(treeB, 'pkg/apis/core/zz_generated.deepcopy.go').text.contains('func (in *Pod) DeepCopy()')

File generator = new File(treeB, 'hack/gen-deepcopy.sh')
generator.text = generator.text.replace('echo "package ${package_name}"', 'echo "package ${package_name}"\n  echo "// generator v2"')
generator.setLastModified(older)
String changedGenerator = build('generator-changed', treeB, [])
assert changedGenerator.contains('building tool deepcopy-gen'): changedGenerator
assert regenerated(changedGenerator) == ['pkg/apis/apps', 'pkg/apis/core']: changedGenerator
['apps', 'core'].each { assert new File(treeB, "pkg/apis/${it}/zz_generated.deepcopy.go").text.contains('// generator v2') }

appsTypes.text = appsBefore
appsTypes.setLastModified(older)
String reverted = build('types-reverted', treeB, [])
assert regenerated(reverted) == ['pkg/apis/apps']: 'older content with an old time is still a change\n' + reverted
assert !new File(treeB, 'pkg/apis/apps/zz_generated.deepcopy.go').text.contains('ReplicaSet')

Map<String, String> incremental = ['_output/dockerized/bin/' + platform + '/kubectl', 'pkg/apis/apps/zz_generated.deepcopy.go',
                                   'pkg/apis/core/zz_generated.deepcopy.go'].collectEntries { [it, kit.sha256(new File(treeB, it))] }
def cleaned = kit.maven(treeB, localRepositoryPath, settings, plugin + ':clean', [])
assert cleaned.exitCode == 0: cleaned.output
['pkg/apis/apps', 'pkg/apis/core'].each { new File(treeB, it + '/zz_generated.deepcopy.go').delete() }
String clean = build('clean-b', treeB, ['-Dkube.seed=none'])
assert regenerated(clean) == ['pkg/apis/apps', 'pkg/apis/core']: clean
incremental.each { String path, String sum ->
    assert kit.sha256(new File(treeB, path)) == sum: "${path} differs from a clean build of the same sources"
}
return true
