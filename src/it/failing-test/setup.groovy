import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.copyFixture(new File(fixtureDir), basedir)
File test = new File(basedir, 'pkg/apis/core/types_test.go')
test.text = test.text.replace('if out == in || *out != *in {', 'if out == in || *out == *in {')
kit.commitAll(basedir)
return true
