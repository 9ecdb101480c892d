import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.concurrent.TimeUnit

/**
 * What the integration tests share: copying the example tree, git, docker and Maven runs, binary checks.
 * Load it with: new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'ItSupport.groovy')).newInstance()
 */
class ItSupport {

    static final String TREE_LABEL = 'io.github.kubemaven.tree'

    /** Copies the example tree into {@code target}, keeping file modes. */
    void copyFixture(File fixture, File target) {
        Path source = fixture.toPath()
        Files.walk(source).withCloseable { paths ->
            paths.each { Path path ->
                Path destination = target.toPath().resolve(source.relativize(path).toString())
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination)
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING)
                }
            }
        }
    }

    /**
     * Copies the example tree into {@code dir}, commits it (tagged when a tag is given) and removes what earlier
     * runs of the tests left for it: a tree as a new checkout would be.
     */
    void freshTree(File fixture, File dir, String tag = null) {
        copyFixture(fixture, dir)
        commitAll(dir, tag)
        forgetEarlierRuns(dir)
    }

    /** Makes {@code dir} a git checkout with one commit at a fixed time, tagged when a tag is given. */
    void commitAll(File dir, String tag = null) {
        run(dir, ['git', 'init', '-q', '-b', 'main'])
        run(dir, ['git', 'add', '-A'])
        run(dir, ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost', 'commit', '-qm', 'example tree', '--date=@1611000000'],
            ['GIT_COMMITTER_DATE': '@1611000000'])
        if (tag) {
            run(dir, ['git', 'tag', tag])
        }
    }

    /** Runs a command, fails on a non-zero exit, returns its stdout. */
    String run(File dir, List<String> command, Map<String, String> environment = [:]) {
        def result = runAllowingFailure(dir, command, environment)
        assert result.exitCode == 0: "${command.join(' ')} failed with ${result.exitCode}: ${result.output}"
        return result.output
    }

    Map runAllowingFailure(File dir, List<String> command, Map<String, String> environment = [:]) {
        def builder = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
        builder.environment().putAll(environment)
        def process = builder.start()
        process.outputStream.close()
        String output = process.inputStream.text
        process.waitFor()
        return [exitCode: process.exitValue(), output: output]
    }

    String docker(String... arguments) {
        return run(new File('.'), ['docker'] + arguments.toList()).trim()
    }

    /** Container names of a tree, optionally only running ones. */
    List<String> containersOf(String treeHash, boolean runningOnly = false) {
        def arguments = ['ps', '--format', '{{.Names}}', '--filter', "label=${TREE_LABEL}=${treeHash}"]
        if (!runningOnly) {
            arguments.add(1, '-a')
        }
        return docker(*arguments).readLines().findAll { it }
    }

    List<String> imagesOf(String treeHash) {
        return docker('images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', "label=${TREE_LABEL}=${treeHash}").readLines().findAll { it }
    }

    List<String> volumesOf(String treeHash) {
        return docker('volume', 'ls', '--format', '{{.Name}}', '--filter', "label=${TREE_LABEL}=${treeHash}").readLines().findAll { it }
    }

    /** The tree hash as the plugin computes it: md5 of host:canonical path:branch, ten hex digits. */
    String expectedTreeHash(File tree) {
        String host = System.getenv('HOSTNAME') ?: new File('/proc/sys/kernel/hostname').text.trim()
        String branch = runAllowingFailure(tree, ['git', 'symbolic-ref', '--short', '-q', 'HEAD']).output.trim()
        String input = "${host}:${tree.canonicalPath}:${branch}"
        return java.security.MessageDigest.getInstance('MD5').digest(input.getBytes('UTF-8')).encodeHex().toString().substring(0, 10)
    }

    /** Removes what earlier runs of the tests left for this tree, so a case starts from nothing on a reused machine. */
    void forgetEarlierRuns(File tree) {
        String hash = expectedTreeHash(tree)
        containersOf(hash).each { docker('rm', '-f', '-v', it) }
        volumesOf(hash).each { docker('volume', 'rm', it) }
        imagesOf(hash).each { docker('rmi', '-f', it) }
    }

    /** The tree hash the plugin logged, read from the build image's or data container's name. */
    String treeHash(String log) {
        def match = log =~ /kube-mvn-(?:data-|build:build-)([0-9a-f]{10})-/
        assert match.find(): 'the log names no image or data container of the tree'
        return match.group(1)
    }

    /**
     * The command line that runs this plugin's goal with the Maven and local repository the invoker gives the tests
     * ({@code -Dkube.it.mavenHome} names another Maven than the one running the build).
     */
    List<String> mavenCommand(File localRepository, File settings, String goal, List<String> properties) {
        // Maven 4.0.0-rc-5's bin/mvn hands its arguments to eval inside double quotes: a quote, $, ` or backslash in one
        // would be read again by the shell; such a command goes into a script in the tree instead
        String mangled = properties.find { it =~ '["$`\\\\]' }
        assert mangled == null: "no argument the launcher of Maven 4.0.0-rc-5 would read again: ${mangled}"
        String mavenHome = System.getProperty('kube.it.mavenHome') ?: System.getProperty('maven.home')
        return ["${mavenHome}/bin/mvn".toString(), '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepository.path}".toString(),
                goal] + properties
    }

    /**
     * The Maven command for a run the test stops with SIGINT. A JVM whose SIGINT was ignored when it started (as a
     * background job of a non-interactive shell, and everything it starts, is) never runs its shutdown hooks on
     * Ctrl-C; env puts the default handling back, so the test does not depend on how its own process was started.
     */
    List<String> interruptibleMavenCommand(File localRepository, File settings, String goal, List<String> properties) {
        return ['env', '--default-signal=INT'] + mavenCommand(localRepository, settings, goal, properties)
    }

    /** Runs Maven in {@code dir}, with {@code environment} added to this process's, and returns [exitCode, output]. */
    Map maven(File dir, File localRepository, File settings, String goal, List<String> properties = [],
              Map<String, String> environment = [:]) {
        return runAllowingFailure(dir, mavenCommand(localRepository, settings, goal, properties), environment)
    }

    static final String SECOND_ENGINE_FILE = '/var/lib/kube-maven-it/second-engine/env'

    /** What scripts/setup-second-engine.sh wrote about the engine in its own network namespace. */
    Properties secondEngine() {
        File file = new File(SECOND_ENGINE_FILE)
        assert file.isFile(): "${file} is missing: scripts/test.sh runs scripts/setup-second-engine.sh before the integration tests"
        Properties properties = new Properties()
        file.withInputStream { properties.load(it) }
        return properties
    }

    /** The docker CLI on the engine at {@code host} (a unix:// address). */
    String dockerOn(String host, String... arguments) {
        return run(new File('.'), ['docker', '-H', host] + arguments.toList()).trim()
    }

    /** Containers, volumes and images of a tree on the engine at {@code host}, one name a line. */
    List<String> everythingOf(String host, String treeHash) {
        String filter = "label=${TREE_LABEL}=${treeHash}"
        return dockerOn(host, 'ps', '-a', '--format', 'container {{.Names}}', '--filter', filter).readLines() +
                dockerOn(host, 'volume', 'ls', '--format', 'volume {{.Name}}', '--filter', filter).readLines() +
                dockerOn(host, 'images', '--format', 'image {{.Repository}}:{{.Tag}}', '--filter', filter).readLines()
    }

    /**
     * Copies the example tree into {@code dir} as {@link #freshTree} does, and removes what earlier test runs left of
     * it on the second engine too; returns what scripts/setup-second-engine.sh wrote about that engine.
     */
    Properties freshTreeOnBothEngines(File fixture, File dir) {
        Properties second = secondEngine()
        freshTree(fixture, dir)
        forgetEarlierRunsOn(second.SECOND_ENGINE_SOCKET, dir)
        return second
    }

    /** Removes what earlier test runs left of a tree on the engine at {@code host}. */
    void forgetEarlierRunsOn(String host, File tree) {
        String filter = "label=${TREE_LABEL}=${expectedTreeHash(tree)}"
        dockerOn(host, 'ps', '-aq', '--filter', filter).readLines().findAll { it }.each { dockerOn(host, 'rm', '-f', '-v', it) }
        dockerOn(host, 'volume', 'ls', '-q', '--filter', filter).readLines().findAll { it }.each { dockerOn(host, 'volume', 'rm', it) }
        dockerOn(host, 'images', '-q', '--filter', filter).readLines().findAll { it }.unique().each { dockerOn(host, 'rmi', '-f', it) }
    }

    String sha256(File file) {
        return java.security.MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
    }

    /** The ELF machine of a binary: 62 for x86-64, 183 for aarch64. */
    int elfMachine(File binary) {
        byte[] header = new byte[20]
        binary.withInputStream { it.read(header) }
        assert header[0] == 0x7f && header[1] == ('E' as char) && header[2] == ('L' as char) && header[3] == ('F' as char): "${binary} is no ELF file"
        return (header[18] & 0xff) | ((header[19] & 0xff) << 8)
    }

    /** Waits until {@code condition} holds, for at most {@code seconds}. */
    boolean waitFor(int seconds, Closure<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
        while (System.nanoTime() < deadline) {
            if (condition()) {
                return true
            }
            Thread.sleep(250)
        }
        return condition()
    }
}
