// The example tree shaped as Kubernetes 1.29 and later shape it: make writes no generated code (no generated_files
// step, no rule for a zz_generated file), and pkg/apis/core/zz_generated.deepcopy.go is committed like any source.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
tree.deleteDir()
kit.copyFixture(new File(fixtureDir), tree)
File makefile = new File(tree, 'Makefile')
makefile.text = makefile.text
        .replaceAll(/(?m)^generated_files:.*\n/, '')
        .replaceAll(/(?m)^pkg\/apis\/core\/zz_generated\.deepcopy\.go:.*\n\t.*\n/, '')
        .replaceAll(/(?m)^(\w[\w-]*):\s*generated_files\s*$/, '$1:')
        .replace('.PHONY: all generated_files cross', '.PHONY: all cross')
assert !makefile.text.contains('generated_files') && !makefile.text.contains('zz_generated'): makefile.text
File ignore = new File(tree, '.gitignore')
ignore.text = ignore.readLines().findAll { it != 'zz_generated.*' }.join('\n') + '\n'
kit.run(tree, ['hack/gen-deepcopy.sh', 'pkg/apis/core/types.go', 'pkg/apis/core/zz_generated.deepcopy.go'])
new File(tree, 'docs/run.md').text = "run ${UUID.randomUUID()}\n"
kit.commitAll(tree)
kit.forgetEarlierRuns(tree)
return true
