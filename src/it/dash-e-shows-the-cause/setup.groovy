// A refused value is one line without -e; with -e Maven shows where it was refused, the plugin's own frames included.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
String refusal = "kube.rsyncPort is 'eighty', which is not a whole number."
def plain = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', ['-Dkube.rsyncPort=eighty'])
new File(basedir, 'plain.log').text = plain.output
assert plain.exitCode != 0 && plain.output.contains(refusal): plain.output
assert !plain.output.contains('Caused by:') && !(plain.output =~ /(?m)^\s+at io\.github\.kubemaven\./): plain.output

def shown = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', ['-e', '-Dkube.rsyncPort=eighty'])
new File(basedir, 'dash-e.log').text = shown.output
assert shown.exitCode != 0: shown.output
// the cause is a redacted copy that names the class it was
assert shown.output.readLines().any { it.startsWith('Caused by: ') && it.endsWith('io.github.kubemaven.ground.KubeBuildException: ' + refusal) }:
        shown.output
assert shown.output =~ /(?m)^\s+at io\.github\.kubemaven\.config\.SettingsResolver\./: shown.output
return true
