// A host without rsync: kube.sync=bind and kube.mode=local build anyway; the default rsync mode stops at once with
// one line saying rsync is missing. Maven runs with PATH set to a folder of links to every program but rsync.
import io.github.kubemaven.it.ItSupport
import java.nio.file.Files
import java.nio.file.LinkOption

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
String hash = kit.expectedTreeHash(tree)

File bin = new File(basedir, 'bin-without-rsync')
bin.deleteDir()
bin.mkdirs()
['/usr/bin', '/bin', '/usr/sbin', '/usr/local/bin'].each { String dir ->
    (new File(dir).listFiles() ?: new File[0]).sort { it.name }.each { File program ->
        File link = new File(bin, program.name)
        if (program.name != 'rsync' && program.isFile() && program.canExecute() && !Files.exists(link.toPath(), LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link.toPath(), program.toPath())
        }
    }
}
String javaHome = System.getenv('JAVA_HOME') ?: System.getProperty('java.home')
Map<String, String> environment = [PATH: bin.path, JAVA_HOME: javaHome]
def lookUp = kit.runAllowingFailure(basedir, ['/bin/sh', '-c', 'command -v rsync; command -v git; command -v docker'], environment)
assert !lookUp.output.readLines().any { it.endsWith('/rsync') } && lookUp.output.contains("${bin.path}/git"):
        "PATH still finds rsync, or no git: ${lookUp.output}"

def maven = { String goal, List<String> properties ->
    def result = kit.runAllowingFailure(tree, kit.mavenCommand(localRepositoryPath, settings, plugin + ':' + goal, properties), environment)
    String name = ([goal] + properties.collect { it.replaceAll(/^-Dkube\./, '').replaceAll(/[^A-Za-z0-9=.]+/, '-') }).join('-')
    new File(basedir, "${name}.log").text = result.output
    return result
}
List<String> kubectl = ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']

// the default, rsync mode: refused before any container
def rsyncMode = maven('build', kubectl)
String out = rsyncMode.output
assert rsyncMode.exitCode != 0: "kube:build in rsync mode succeeded without rsync:\n${out}"
def missing = out.readLines().findAll { it.contains('rsync is not installed on this machine; the dockerized build moves files with it.') }
assert missing.size() == 1: "expected one line saying rsync is missing, found ${missing.size()}:\n${out}"
assert out.contains("Install it (for example 'sudo apt-get install rsync' or 'brew install rsync') and run again."): "no hint:\n${out}"
def trace = out.readLines().findAll { it.startsWith('\tat ') || it =~ /^\s*at (io\.github|java\.)/ || it.contains('Exception in thread') || it.startsWith('Caused by: ') }
assert trace.isEmpty(): "a stack trace:\n${out}"
assert kit.containersOf(hash).isEmpty(): "containers made without rsync: ${kit.containersOf(hash)}\n${out}"
assert kit.volumesOf(hash).isEmpty(): "volumes made without rsync: ${kit.volumesOf(hash)}\n${out}"

// kube.sync=bind: the tree is mounted, no rsync needed
def bind = maven('build', kubectl + ['-Dkube.sync=bind'])
assert bind.exitCode == 0: "kube:build -Dkube.sync=bind failed without rsync:\n${bind.output}"
assert bind.output.contains('(kube.sync=bind): make WHAT=cmd/kubectl'): "not a bind-mode build:\n${bind.output}"
File dockerized = new File(tree, '_output/dockerized/bin/linux/amd64/kubectl')
assert dockerized.canExecute() && kit.elfMachine(dockerized) == 62: "no ${dockerized}:\n${bind.output}"
String ran = kit.run(tree, [dockerized.path])
assert ran.contains('kubectl'): "the bind-mode kubectl printed: ${ran}"

// kube.mode=local: Go on the host, no container and no rsync
def local = maven('build', kubectl + ['-Dkube.mode=local'])
assert local.exitCode == 0: "kube:build -Dkube.mode=local failed without rsync:\n${local.output}"
assert local.output.contains('Running on the host in '): "not a host-side build:\n${local.output}"
File onHost = new File(tree, '_output/local/bin/linux/amd64/kubectl')
assert onHost.canExecute() && kit.elfMachine(onHost) == 62: "no ${onHost}:\n${local.output}"
ran = kit.run(tree, [onHost.path])
assert ran.contains('kubectl'): "the host-built kubectl printed: ${ran}"

// kube:clean needs no rsync either
def clean = maven('clean', [])
assert clean.exitCode == 0: "kube:clean failed without rsync:\n${clean.output}"
assert kit.containersOf(hash).isEmpty() && kit.imagesOf(hash).isEmpty(): "left after kube:clean: ${kit.containersOf(hash)} ${kit.imagesOf(hash)}"
return true
