import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
['tree-one', 'tree-two'].each { name ->
    File tree = new File(basedir, name)
    kit.copyFixture(new File(fixtureDir), tree)
    new File(tree, 'pom.xml').text = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>it.kube</groupId><artifactId>reactor-parallel</artifactId><version>1.0</version></parent>
  <artifactId>${name}</artifactId>
  <packaging>kube</packaging>
  <build><plugins><plugin><groupId>${plugin.split(':')[0]}</groupId><artifactId>${plugin.split(':')[1]}</artifactId></plugin></plugins></build>
</project>
"""
    kit.commitAll(tree)
    kit.forgetEarlierRuns(tree)
}
return true
