// Bad inputs and an unwritable _output/ fail at once: exit code not 0, one line naming the problem, no stack trace,
// and no container created. Each check is its own Maven run on one fresh tree; all checks run, and the case fails at
// the end listing every one that did not hold. What the user reads lands in bad-inputs.md, a table for the README.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
File tree = new File(basedir, 'tree')
File output = new File(tree, '_output')
long started = System.nanoTime()

def isMounted = { File dir ->
    String path = dir.canonicalPath.replace(' ', '\\040')
    new File('/proc/mounts').readLines().any { line -> line.split(' ')[1] == path }
}
def unmount = { File dir ->
    while (isMounted(dir)) {
        kit.run(basedir, ['umount', dir.canonicalPath])
    }
}
unmount(output)  // an interrupted earlier run may have left one
kit.freshTree(new File(fixtureDir), tree)
String root = tree.canonicalPath
String hash = kit.expectedTreeHash(tree)
String outputPath = new File(root, '_output').path

// the first run of the plugin on a new local repository resolves its dependencies, and Maven warns about their
// checksums with stack traces of its own: get that over with before looking for the plugin's
def warmUp = kit.maven(tree, localRepositoryPath, settings, plugin + ':help')
assert warmUp.exitCode == 0: "kube:help failed:\n${warmUp.output}"

def now = { -> long millis = System.currentTimeMillis(); String.format('%d.%03d', millis.intdiv(1000), millis % 1000) }
def containerCount = { -> kit.docker('ps', '-aq').readLines().findAll { it }.size() }
def imageCount = { -> kit.docker('images', '-aq').readLines().findAll { it }.size() }
// what the engine did between two times, one line per event, naming the object and, for containers, its tree label
def events = { String type, String since, String until ->
    String format = type == 'container'
            ? "{{.Action}} {{.Actor.Attributes.name}} {{index .Actor.Attributes \"${kit.TREE_LABEL}\"}}"
            : '{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}}'
    kit.docker('events', '--since', since, '--until', until, '--filter', "type=${type}", '--format', format)
            .readLines().findAll { it }
}
def stackTrace = { String out ->
    out.readLines().findAll { line ->
        line.startsWith('\tat ') || line =~ /^\s*at (io\.github|java\.|org\.apache)/ || line.contains('Exception in thread') ||
                line.startsWith('Caused by: ')
    }
}
// a fragment is a text, or a list of texts of which one must appear
def hasAll = { String line, List fragments ->
    fragments.every { fragment -> fragment instanceof List ? fragment.any { line.contains(it) } : line.contains(fragment) }
}

List<Map> rows = []
List<String> failures = []

/**
 * Runs kube:build with {@code properties} and checks that it is refused: {@code lines} lists, per line the output
 * must hold once, the fragments that line holds. A failed check is kept for the end, and what the run left is removed.
 */
def refused = { String input, List<String> properties, List<List> lines ->
    String since = now()
    int containersBefore = containerCount()
    int imagesBefore = imageCount()
    def result = kit.maven(tree, localRepositoryPath, settings, plugin + ':build', properties)
    int containersAfter = containerCount()
    int imagesAfter = imageCount()
    String until = now()
    String out = result.output
    String shown = "--- ${input}: mvn ${plugin}:build ${properties.join(' ')} gave exit code ${result.exitCode}:\n${out}"

    List<String> outLines = out.readLines()
    int failed = outLines.findIndexOf { it.contains('Failed to execute goal') }
    def match = failed >= 0 ? outLines[failed] =~ /on project [^:]+: (.*)$/ : null
    String message = match?.find() ? match.group(1).strip() : '(none)'
    String next = failed >= 0 && failed + 1 < outLines.size() ? outLines[failed + 1] : ''
    String hint = next.startsWith('[ERROR] ') && !next.contains('-> [Help') ? next.substring(8).strip() : ''
    rows << [input: input, message: message, hint: hint]
    println "${input}: ${message}"

    try {
        assert result.exitCode != 0: "${input} is accepted\n${shown}"
        lines.each { fragments ->
            def matching = outLines.findAll { line -> hasAll(line, fragments) }
            assert matching.size() == 1: "${input}: expected one line with ${fragments}, found ${matching.size()}\n${shown}"
        }
        assert stackTrace(out).isEmpty(): "${input}: the output holds a stack trace\n${shown}"

        def activity = events('container', since, until) + events('image', since, until)
        assert !activity.any { it.contains(hash) }: "${input}: the run made containers or images of the tree: ${activity}\n${shown}"
        // other runs on the same engine may add or remove their own meanwhile (an image build's layers too): the
        // counts must stay the same unless the engine's events show such work, none of it for this tree
        assert containersAfter == containersBefore || activity:
                "${input}: ${containersBefore} containers before, ${containersAfter} after, and no events\n${shown}"
        assert imagesAfter == imagesBefore || activity:
                "${input}: ${imagesBefore} images before, ${imagesAfter} after, and no events\n${shown}"
        assert kit.containersOf(hash).isEmpty(): "${input}: the tree has containers: ${kit.containersOf(hash)}\n${shown}"
        assert message != '(none)': "${input}: Maven names no failed goal with a message\n${shown}"
    } catch (AssertionError e) {
        failures << e.message
        kit.forgetEarlierRuns(tree)  // so that the next input starts from no container again
    }
    return out
}

List<String> valid = ['-Dkube.what=cmd/kubectl', '-Dkube.platforms=linux/amd64']
def withBad = { String property ->
    valid.findAll { !it.startsWith("-D${property.split('=')[0]}=") } + ["-D${property}".toString()]
}

refused('-Dkube.platforms=linux/amd65', withBad('kube.platforms=linux/amd65'),
        [['kube.platforms (KUBE_BUILD_PLATFORMS) names linux/amd65, which this tree does not build (hack/lib/golang.sh).'],
         ['Choose from: linux/amd64 linux/arm64 windows/amd64.']])
refused('-Dkube.platforms=linux', withBad('kube.platforms=linux'),
        [["kube.platforms (KUBE_BUILD_PLATFORMS) names 'linux', which is no os/arch pair."]])
refused('-Dkube.what=cmd/kubectll', withBad('kube.what=cmd/kubectll'),
        [["kube.what (WHAT) names 'cmd/kubectll', which is no folder of ${root}.".toString()]])
refused('-Dkube.what=../outside', withBad('kube.what=../outside'),
        [["kube.what (WHAT) names '../outside', which is no folder of ${root}.".toString()]])
refused('-Dkube.rsyncPort=70000', withBad('kube.rsyncPort=70000'),
        [['The rsync port 70000 is not a TCP port (1 to 65535).']])
refused('-Dkube.rsyncPort=abc', withBad('kube.rsyncPort=abc'),
        [["kube.rsyncPort is 'abc', which is not a whole number."]])
refused('-Dkube.verbose=11', withBad('kube.verbose=11'),
        [['The verbosity 11 is out of range.'], ['kube.verbose (KUBE_VERBOSE)', 'from 0 to 10']])
refused('-Dkube.rsyncCompress=12', withBad('kube.rsyncCompress=12'),
        [['The rsync compression level 12 is out of range.'], ['kube.rsyncCompress (KUBE_RSYNC_COMPRESS)', 'from 0 (off) to 9']])
refused('-Dkube.sourceDateEpoch=-5', withBad('kube.sourceDateEpoch=-5'),
        [["SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is '-5', not a count of seconds since 1970."]])
refused('-Dkube.sourceDateEpoch=99999999999999', withBad('kube.sourceDateEpoch=99999999999999'),
        [['SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is 99999999999999, after the year 9999.']])
refused('-Dkube.lockTimeout=-1', withBad('kube.lockTimeout=-1'),
        [['kube.lockTimeout is -1, and a wait cannot be negative.']])
refused('-Dkube.sync=nfs', withBad('kube.sync=nfs'),
        [["kube.sync is 'nfs'."], ['Set kube.sync to rsync (the default) or bind.']])
refused('-Dkube.mode=remote', withBad('kube.mode=remote'),
        [["kube.mode is 'remote'."], ['Set kube.mode to docker (the default) or local.']])
refused('-Dkube.cpus=lots', withBad('kube.cpus=lots'),
        [["kube.cpus is 'lots', which is no number of CPUs."], ['Set kube.cpus to the CPUs a build container may use']])

// _output/ read-only: a read-only bind mount, since root writes through a mode of 0555
kit.run(basedir, ['rm', '-rf', outputPath])
output.mkdirs()
try {
    kit.run(basedir, ['mount', '--bind', outputPath, outputPath])
    kit.run(basedir, ['mount', '-o', 'remount,bind,ro', outputPath])
    def probe = kit.runAllowingFailure(basedir, ['touch', new File(output, 'probe').path])
    assert probe.exitCode != 0: "the read-only mount takes writes: ${probe.output}"
    refused('_output/ read-only', valid, [["Cannot write ${outputPath}: Read-only file system.".toString()]])
} finally {
    unmount(output)
}

// _output/ full: a tiny tmpfs filled up
try {
    kit.run(basedir, ['mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', outputPath])
    def fill = kit.runAllowingFailure(basedir, ['dd', 'if=/dev/zero', "of=${new File(output, 'fill').path}".toString(), 'bs=4k'])
    assert fill.exitCode != 0 && fill.output.contains('No space left on device'): "dd did not fill _output/: ${fill.output}"
    refused('_output/ full', valid, [['No space left on device', outputPath, ['Cannot write', 'Could not write']]])
} finally {
    unmount(output)
}

def cell = { String text -> text.replace(root, '<tree>').replace('|', '\\|') }
new File(basedir, 'bad-inputs.md').text = '| input | message |\n|---|---|\n' + rows.collect { row ->
    "| `${row.input}` | ${cell(row.message)}${row.hint ? '<br>' + cell(row.hint) : ''} |"
}.join('\n') + '\n'
println "bad-input-refused: ${rows.size()} runs in ${(System.nanoTime() - started).intdiv(1_000_000_000)} s"
assert failures.isEmpty(): "${failures.size()} of ${rows.size()} bad inputs were not refused as they should be:\n\n" + failures.join('\n\n')
return true
