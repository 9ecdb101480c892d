// A -Dkube.* property no goal reads, and a parameter of the plugin's configuration in a pom that no goal reads, is
// named in one warning, with the name meant where one is near; the goal still runs. Under every Maven of the matrix.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':clean', ['-Dkube.platfroms=linux/arm64', '-Dkube.foo=bar',
        '-Dkube.cleanBranch=true', '-Dkube.testTargets=test'])
new File(basedir, 'clean.log').text = result.output
assert result.exitCode == 0: result.output
List<String> warnings = result.output.readLines().findAll { it.startsWith('[WARNING] The property kube.') }
assert warnings == ['[WARNING] The property kube.foo is read by no goal of this plugin, so it changes nothing.',
                    '[WARNING] The property kube.platfroms is read by no goal of this plugin, so it changes nothing; did you mean kube.platforms?']:
        result.output
assert !result.output.contains('kube.testTargets is read by no goal'): 'a property of another goal is known'

// The goal in two executions of a pom whose plugin configuration misspells a parameter: one warning, not two; and
// a parameter only other goals read, set for one execution: one warning naming that execution's goal
new File(tree, 'pom.xml').text = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>it.kube</groupId>
  <artifactId>configured-with-a-typo</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>${plugin.split(':')[0]}</groupId>
        <artifactId>${plugin.split(':')[1]}</artifactId>
        <version>${plugin.split(':')[2]}</version>
        <configuration>
          <platfroms>linux/arm64</platfroms>
          <cleanBranch>true</cleanBranch>
        </configuration>
        <executions>
          <execution>
            <id>tidy</id>
            <phase>validate</phase>
            <goals><goal>clean</goal></goals>
            <configuration><colour>blue</colour><what>cmd/kubectl</what></configuration>
          </execution>
          <execution>
            <id>tidy-again</id>
            <phase>validate</phase>
            <goals><goal>clean</goal></goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
"""
def configured = kit.maven(tree, localRepositoryPath, settings, 'validate', [])
new File(basedir, 'configured.log').text = configured.output
assert configured.exitCode == 0: configured.output
String pom = new File(tree, 'pom.xml').path
List<String> ours = configured.output.readLines().findAll { it.startsWith('[WARNING] The parameter <') && it.contains("in the plugin's configuration") }
assert ours == ["[WARNING] The parameter <colour> in the plugin's configuration in ${pom} is read by no goal of this plugin, so it changes nothing.".toString(),
                "[WARNING] The parameter <platfroms> in the plugin's configuration in ${pom} is read by no goal of this plugin, so it changes nothing; did you mean <platforms>?".toString()]:
        configured.output
assert !configured.output.contains('<cleanBranch> in the plugin'): 'a parameter a goal reads is known'
List<String> unread = configured.output.readLines().findAll { it.contains('> of execution ') }
assert unread == ["[WARNING] The parameter <what> of execution 'tidy' in ${pom} is not read by kube:clean, so it changes nothing.".toString()]:
        'a parameter another goal reads, in the configuration of an execution whose goal does not: ' + configured.output
return true
