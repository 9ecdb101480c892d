import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
String log = new File(basedir, 'build.log').text
File gopath = new File(basedir, '_output/local/go')
assert log.contains("go build -v in ${basedir.canonicalPath}/cmd/kubelet (GOPATH mode at ${gopath.canonicalPath}, as the tree's hack/lib/init.sh switches Go modules off)"): log

File quick = new File(basedir, 'cmd/kubelet/kubelet')
assert kit.elfMachine(quick) == 62
assert kit.run(basedir, [quick.path]).contains('kubelet: node local')
File link = new File(gopath, 'src/k8s.io/kubernetes')
assert java.nio.file.Files.isSymbolicLink(link.toPath()) && link.canonicalPath == basedir.canonicalPath

// outside _output, only the generated code setup.groovy made and the binary go build puts in the command's folder
String status = kit.run(basedir, ['git', 'status', '--porcelain', '--untracked-files=all', '--ignored']).readLines()
        .findAll { !it.contains('_output/') && !it.endsWith('build.log') && !it.endsWith('module-mode.log') }.join('\n')
assert status.readLines()*.substring(3).sort() == ['cmd/kubelet/kubelet', 'pkg/apis/core/zz_generated.deepcopy.go']: status
return true
