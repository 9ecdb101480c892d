import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
kit.copyFixture(new File(fixtureDir), basedir)
File common = new File(basedir, 'build/common.sh')
common.text = common.text.replace('kube-maven-plugin/server-base:1', 'kube-maven-plugin/no-such-server-base:1')
kit.commitAll(basedir, 'v1.7.0')
return true
