// A tree whose generated code is committed: the code is a source. An edit of it is built and stays; a deleted one
// makes the build fail as upstream's does and never comes back from the build volume; kube.keepGenerated=false and
// a run interrupted while it wrote the volume leave it alone, where make would not write it again.
import io.github.kubemaven.it.ItSupport
import java.util.concurrent.TimeUnit

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'tree')
File generated = new File(tree, 'pkg/apis/core/zz_generated.deepcopy.go')
File kubectl = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')
List<String> build = ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']
def maven = { String name, List<String> properties, boolean succeeds = true ->
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', build + properties)
    new File(basedir, name + '.log').text = result.output
    assert (result.exitCode == 0) == succeeds: "${name}: ${result.output}"
    return result.output
}
def git = { String... arguments -> kit.run(tree, ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost'] + arguments.toList()) }

String first = maven('first', [])
assert !first.contains('generated pkg/apis/core/zz_generated.deepcopy.go'): 'make writes no generated code in this tree'
assert kit.run(tree, [kubectl.path]).trim() == 'kubectl: pod default/example'
String committed = generated.text

generated.text = committed.replace('out := *in', 'out := *in\n\tout.Name += "-edited"')
String edited = maven('edited', [])
assert edited =~ /Syncing 1 changed file to container.*pkg\/apis\/core\/zz_generated\.deepcopy\.go/: 'a user edit of generated code is a source edit'
assert kit.run(tree, [kubectl.path]).trim() == 'kubectl: pod default/example-edited': 'and it is built'
assert generated.text.contains('out.Name += "-edited"'): 'the edit stays in the tree'

assert generated.delete()
String deleted = maven('deleted', [], false)
assert deleted.contains('DeepCopy'): "the build fails as upstream's does without the file: ${deleted}"
assert !generated.exists(): 'a deleted generated file never comes back from the build volume'
String again = maven('deleted-again', [], false)
assert again.contains('DeepCopy') && !generated.exists(): 'nor on the next run'

git('checkout', '--', 'pkg/apis/core/zz_generated.deepcopy.go')
String restored = maven('restored', ['-Dkube.keepGenerated=false'])
assert restored.contains('kube.keepGenerated=false changes nothing here'): restored
assert kit.run(tree, [kubectl.path]).trim() == 'kubectl: pod default/example': 'the committed file is not hidden from the volume'

// a run stopped while make runs leaves the volume marked; the next one must not hide the committed code either
File logFile = new File(basedir, 'interrupted.log')
def command = kit.interruptibleMavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=sleep 600'])
def process = new ProcessBuilder(command).directory(tree).redirectErrorStream(true).redirectOutput(logFile).start()
try {
    assert kit.waitFor(180) { logFile.text.contains('Running build command: sleep 600') }: logFile.text
    kit.run(tree, ['kill', '-INT', Long.toString(process.pid())])
    assert process.waitFor(60, TimeUnit.SECONDS): 'Maven ends on Ctrl-C'
} finally {
    process.destroyForcibly()
}
String afterInterrupt = maven('after-interrupt', ['-Dkube.force=true'])
assert !afterInterrupt.contains('generated files are made anew'): 'nothing to make anew: make writes no generated code here'
assert kit.run(tree, [kubectl.path]).trim() == 'kubectl: pod default/example'
return true
