// The rsync password of a run lives in its rsync container only, and the daemon admits only the plugin's connection.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
String hash = kit.expectedTreeHash(tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File logFile = new File(basedir, 'run.log')
def process = new ProcessBuilder(kit.mavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=sleep 20', '-X']))
        .directory(tree).redirectErrorStream(true).redirectOutput(logFile).start()
Map facts = [:]
try {
    assert kit.waitFor(180) { logFile.text.contains('Running build command: sleep 20') }: logFile.text
    assert kit.waitFor(30) { kit.containersOf(hash, true).any { it.startsWith('kube-mvn-build-') } }
    String rsyncContainer = kit.containersOf(hash, true).find { it.startsWith('kube-mvn-rsync-') }
    String buildContainer = kit.containersOf(hash, true).find { it.startsWith('kube-mvn-build-') }
    String secrets = kit.docker('exec', rsyncContainer, 'cat', '/kube-maven-rsyncd/secrets')
    assert secrets ==~ /k8s:[A-Za-z0-9]{32}/: secrets
    String password = secrets.substring(4)
    facts.password = password
    assert kit.docker('exec', rsyncContainer, 'ls', '/kube-maven-rsyncd').readLines().every { it != 'password' }: 'the handed-over file is gone once read'
    assert kit.docker('exec', rsyncContainer, 'stat', '-c', '%a', '/kube-maven-rsyncd/secrets') == '600'

    String image = kit.docker('inspect', '--format', '{{.Config.Image}}', buildContainer)
    assert !kit.docker('run', '--rm', image, 'cat', '/rsyncd.password').contains(password): 'no image layer holds it'
    assert !kit.docker('history', '--no-trunc', image).contains(password)
    assert !kit.docker('inspect', buildContainer).contains(password): 'not in the build container\'s settings'
    assert !kit.docker('inspect', rsyncContainer).contains(password): 'not in the rsync container\'s settings either'
    def inBuild = kit.runAllowingFailure(new File('.'), ['docker', 'exec', buildContainer, 'sh', '-c', 'env; cat /rsyncd.password; ls -A /'])
    assert !inBuild.output.contains(password) && !inBuild.output.contains('kube-maven-rsyncd'): inBuild.output

    String address = kit.docker('inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', rsyncContainer)
    def intruder = kit.runAllowingFailure(new File('.'), ['docker', 'run', '--rm', '-e', "RSYNC_PASSWORD=${password}".toString(), image,
            'rsync', "rsync://k8s@${address}:8730/k8s/".toString()])
    facts.intruder = intruder.output
    assert intruder.exitCode != 0: "another container with the right password got in: ${intruder.output}"

    assert process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0: logFile.text
} finally {
    process.destroyForcibly()
}
assert !logFile.text.contains(facts.password): 'not in the log, even at debug level'
def inTree = kit.runAllowingFailure(tree, ['grep', '-rl', facts.password, '.'])
assert inTree.exitCode == 1: "not in any file of the tree: ${inTree.output}"
new File(basedir, 'intruder.log').text = facts.intruder
return true
