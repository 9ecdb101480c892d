import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.copyFixture(new File(fixtureDir), basedir)
// the tree switches modules off for every build, as Kubernetes 1.20's hack/lib/init.sh does ...
File init = new File(basedir, 'hack/lib/init.sh')
init.text = init.text.replace('KUBE_ROOT="${KUBE_ROOT:-', 'export GO111MODULE=off\nKUBE_ROOT="${KUBE_ROOT:-')
// ... and its go.mod asks for more than its vendor folder holds, so that go build in module mode fails, as that of
// Kubernetes 1.20 does under Go 1.19 (there: "updates to go.mod needed, disabled by -mod=vendor")
File goMod = new File(basedir, 'go.mod')
goMod.text = goMod.text.replace('require (', 'require (\n\tgithub.com/kube-it/absent v1.0.0')
kit.commitAll(basedir, 'v1.5.0')
// the generated code a quick build needs, as make generated_files makes it
assert ['hack/gen-deepcopy.sh', 'pkg/apis/core/types.go', 'pkg/apis/core/zz_generated.deepcopy.go'].execute(null, basedir).waitFor() == 0
String moduleMode = ['bash', '-c', 'cd cmd/kubelet && PATH=/usr/lib/go-1.19/bin:$PATH GOFLAGS=-mod=vendor GOPROXY=off go build -v 2>&1; echo "exit $?"']
        .execute(null, basedir).text
assert moduleMode.contains('github.com/kube-it/absent') && !moduleMode.endsWith('exit 0\n'): "go build in module mode should refuse this go.mod:\n${moduleMode}"
new File(basedir, 'module-mode.log').text = moduleMode
return true
