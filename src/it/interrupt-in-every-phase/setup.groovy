import io.github.kubemaven.it.ItSupport
import java.util.concurrent.TimeUnit

// Ctrl-C in every phase of the dockerized build: one tree, one kube:run per phase, each sent SIGINT while that phase
// works (image build, data container preparation, sync in, copy out, the command itself), and after each nothing of
// the tree may still run: no container of it, no rsync or build container at all, no container of the image build,
// no host rsync. Maven is started from here with ProcessBuilder so that SIGINT reaches its JVM (a background job of
// a non-interactive shell ignores SIGINT). The findings go to interruptions.md; verify.groovy adds the normal build
// that follows (invoker.properties) and an interrupted release staging.
def kit = new ItSupport()
new File(basedir, 'started-at').text = Long.toString(System.currentTimeMillis())

File tree = new File(basedir, 'tree')
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
tree.deleteDir()
kit.freshTree(new File(fixtureDir), tree)
String hash = kit.expectedTreeHash(tree)
String root = tree.canonicalPath
String marker = 'kube-it-interrupt-in-every-phase'
String madeAnew = 'The last run stopped while it wrote the build volume, so its generated files are made anew this time.'

// Each phase made slow enough to be interrupted. The data, rsync and seed containers run on the cross image, beside
// the build of the build image: the cross image this test builds (pom.xml names it) has a chown, first on PATH, that
// sleeps 20 s on volumes it has not prepared yet (fresh volumes each time the data container is made anew), and the
// tree's Dockerfile gets a last step of 25 s.
File crossContext = new File(basedir, 'slow-cross')
crossContext.mkdirs()
new File(crossContext, 'Dockerfile').text = '''FROM kube-maven-plugin/kube-cross:v1.19.8-1
RUN mkdir -p /go/bin && printf '%s\\n' '#!/bin/sh' \\
      'if [ ! -e /go/src/k8s.io/kubernetes/.prepared-once ]; then sleep 20; touch /go/src/k8s.io/kubernetes/.prepared-once; fi' \\
      'exec /bin/chown "$@"' > /go/bin/chown && chmod 755 /go/bin/chown
'''
kit.run(basedir, ['docker', 'build', '-q', '--label', 'io.github.kubemaven.role=test-cross-image', '-t', 'kube-it-slow-cross:v1.19.8-1',
                  crossContext.path])
new File(tree, 'build/build-image/Dockerfile') << '''
# interrupt-in-every-phase: a slow last step.
RUN echo MARKER NONCE && sleep 25
'''.replace('MARKER', marker).replace('NONCE', Long.toString(System.currentTimeMillis()))
// the release staging (verify.groovy) sleeps 20 s the first time, under a name of its own
File release = new File(tree, 'build/lib/release.sh')
String anchor = 'kube::release::package_client_tarballs() {\n  local platform stage\n'
assert release.text.contains(anchor)
release.text = release.text.replace(anchor, anchor + '''  # interrupt-in-every-phase: the first staging takes 20 s, so that it can be interrupted
  if [[ ! -e "${LOCAL_OUTPUT_ROOT}/it-slow-staging-started" ]]; then
    touch "${LOCAL_OUTPUT_ROOT}/it-slow-staging-started"
    (exec -a kube-it-slow-staging sleep 20)
  fi
''')
kit.run(tree, ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost', 'commit', '-qam', 'slow phases', '--date=@1611000000'],
    ['GIT_COMMITTER_DATE': '@1611000000'])
// sync in and copy out: ~150 MB with -Dkube.rsyncCompress=9. rsync negotiates zstd, which passes random bytes
// through at some 200 MB/s; base64 of random bytes (still 75 % incompressible) keeps zstd -9 busy for seconds.
// The file is git-ignored, so the version stays clean, and it is removed once the sync-in phase is over.
File big = new File(tree, 'big-sync-in.bin')
new File(tree, '.git/info/exclude') << '/big-sync-in.bin\n'
kit.run(tree, ['bash', '-c', 'head -c 112000000 /dev/urandom | base64 -w 76 > big-sync-in.bin'])
assert kit.run(tree, ['git', 'status', '--porcelain']).trim().isEmpty(): 'the tree is clean'

String dockerList(List<String> arguments, def kit) {
    return kit.run(new File('.'), ['docker'] + arguments.collect { it.toString() })
}
def runningIds = { -> dockerList(['ps', '-q', '--no-trunc'], kit).readLines().findAll { it } as Set }
def hostRsync = { -> kit.runAllowingFailure(basedir, ['pgrep', '-af', 'rsync']).output.readLines().findAll { it.contains(root) } }
def withRole = { String role, boolean runningOnly ->
    def arguments = ['ps', '--format', '{{.Names}} ({{.Status}})', '--filter', "label=io.github.kubemaven.tree=${hash}",
                     '--filter', "label=io.github.kubemaven.role=${role}"]
    if (!runningOnly) {
        arguments.add(1, '-a')
    }
    dockerList(arguments, kit).readLines().findAll { it }
}
// running containers started since {@code before} by this tree's image build (its RUN steps) or labelled as the tree's
def fromImageBuild = { Set<String> before ->
    (runningIds() - before).findAll { id ->
        String described = kit.runAllowingFailure(basedir, ['docker', 'inspect', '--format', '{{json .Config.Cmd}} {{json .Config.Labels}}', id]).output
        described.contains(marker) || described.contains('.prepared-once') || described.contains(hash)
    }.collect { id -> id.take(12) + ' ' + kit.runAllowingFailure(basedir, ['docker', 'inspect', '--format', '{{json .Config.Cmd}}', id]).output.trim() }
}
def leftovers = { ->
    List<String> left = []
    kit.containersOf(hash, true).each { left << "running container ${it}".toString() }
    ['rsync', 'build'].each { role -> withRole(role, false).each { left << "${role} container ${it}".toString() } }
    hostRsync().each { left << "host rsync: ${it}".toString() }
    return left
}

List<Map> phases = []
def interruptPhase = { Map phase ->
    Set<String> before = runningIds()
    File log = new File(basedir, "${phase.id}.log")
    def command = kit.interruptibleMavenCommand(localRepositoryPath, settings, plugin + ':run', phase.args)
    long start = System.nanoTime()
    Process process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).redirectOutput(log).start()
    phase.log = log
    phases << phase
    try {
        List<String> working = []
        assert kit.waitFor(180) { log.text.contains(phase.line) && !(working = phase.working(before)).isEmpty() }:
            "${phase.name}: the run never got to '${phase.line}' with its work under way:\n${log.text}"
        phase.working = working
        phase.signalAfter = (System.nanoTime() - start).intdiv(1_000_000_000)
        String pid = Long.toString(process.pid())
        kit.run(basedir, ['kill', '-INT', pid])
        long signalled = System.nanoTime()
        if (phase.twice) {
            Thread.sleep(200)
            phase.secondSent = kit.runAllowingFailure(basedir, ['kill', '-INT', pid]).exitCode == 0
        }
        assert process.waitFor(90, TimeUnit.SECONDS): "${phase.name}: Maven did not end within 90 s of SIGINT:\n${log.text}"
        phase.exitCode = process.exitValue()
        phase.endedAfterMillis = (System.nanoTime() - signalled).intdiv(1_000_000)
        phase.left = leftovers()
        List<String> building = []
        kit.waitFor(20) { (building = fromImageBuild(before)).isEmpty() }
        building.each { phase.left << "container of the image build: ${it}".toString() }
        if (phase.working.any { it.contains(marker) }) {
            phase.working = phase.working.collect { "${it} (gone ${(System.nanoTime() - signalled).intdiv(1_000_000) - phase.endedAfterMillis} ms after Maven ended)".toString() }
        }
        phase.dataContainer = dockerList(['ps', '-a', '--format', '{{.Status}}', '--filter', "label=io.github.kubemaven.tree=${hash}",
                                          '--filter', 'label=io.github.kubemaven.role=data'], kit).trim() ?: 'none'
    } finally {
        process.destroyForcibly()
    }
}

def describeRun = { String text ->
    List<String> facts = []
    def leftBehind = text.readLines().findAll { it.contains('left by an earlier run that did not end') }
    if (leftBehind) {
        facts << "removed leftovers (${leftBehind.size()})"
    }
    if (text.contains('Building Docker image')) {
        facts << 'built the image again'
    } else if (text =~ /Build image \S+ is up to date/) {
        facts << 'image up to date'
    }
    if (text.contains('did not end cleanly; making it anew')) {
        facts << 'data container did not end cleanly: made anew'
    } else if (text.contains('Creating data container')) {
        facts << 'data container created, fresh volumes'
    } else if (text.contains('Reusing data container')) {
        facts << 'data container reused'
    }
    if (text.contains(madeAnew)) {
        facts << '"generated files are made anew"'
    }
    return facts.join('; ')
}

def writeTable = { ->
    StringBuilder table = new StringBuilder()
    table << '# Ctrl-C in every phase of the dockerized build\n\n'
    table << 'Each row is one `kube:run` of the same tree, sent SIGINT while the phase worked; "left running" is what the checks found once Maven had ended '
    table << '(containers of the tree, rsync or build containers in any state, containers of the image build after up to 20 s, host rsync of the tree). '
    table << 'The next run is the following row\'s run, and for the last row the normal `kube:build` of invoker.properties.\n\n'
    table << '| Phase | Working at SIGINT | SIGINT | Maven ended | What was left running | Data container after | Next run\'s result |\n'
    table << '|---|---|---|---|---|---|---|\n'
    phases.eachWithIndex { Map phase, int index ->
        String next = index + 1 == phases.size() ? 'NEXT_RUN_OF_LAST_PHASE'
            : "${describeRun(phases[index + 1].log.text)}; then interrupted in turn (${phases[index + 1].label})"
        String signals = phase.twice ? "2× (second ${phase.secondSent ? 'sent 200 ms later' : 'not sent: Maven had ended'})" : '1×'
        String ended = phase.exitCode == null ? 'no' : "exit ${phase.exitCode}, ${phase.endedAfterMillis} ms after SIGINT"
        String left = phase.left == null ? 'not checked' : phase.left.isEmpty() ? 'nothing' : phase.left.join('<br>')
        table << "| ${phase.name} | ${(phase.working instanceof List ? phase.working.join('<br>') : 'never got there').replace('|', '\\|')} | ${signals} | ${ended} | "
        table << "${left.replace('|', '\\|')} | ${phase.dataContainer ?: '?'} | ${next} |\n"
    }
    new File(basedir, 'interruptions.md').text = table.toString()
}

try {
    interruptPhase([id: 'phase-1-image-build', name: 'image build', label: 'image build', line: 'Building Docker image', twice: false,
                    args: ['-Dkube.command=true'],
                    working: { Set<String> before ->
                        String text = new File(basedir, 'phase-1-image-build.log').text
                        text.substring(text.indexOf('Building Docker image')) =~ /Step \d+\/\d+ : RUN echo ${marker}/ ? fromImageBuild(before) : []
                    }])
    interruptPhase([id: 'phase-2-data-container', name: 'data container preparation', label: 'data container', line: 'Creating data container', twice: false,
                    args: ['-Dkube.command=true'],
                    working: { Set<String> before -> withRole('data', true).collect { "data container ${it}".toString() } }])
    interruptPhase([id: 'phase-3-sync-in', name: 'sync in', label: 'sync in', line: 'Syncing sources to container', twice: false,
                    args: ['-Dkube.command=true', '-Dkube.rsyncCompress=9'],
                    working: { Set<String> before -> hostRsync().collect { "host rsync, pid ${it.tokenize(' ')[0]}".toString() } }])
    assert big.delete()
    // copy out before the command: an interrupted copy-out reads the volume only, so the command's interruption
    // last is what the normal build after them must see as "the volume was being written"
    new File(tree, 'write-big-binary.sh').text = '''mkdir -p _output/dockerized/bin/linux/amd64
head -c 112000000 /dev/urandom | base64 -w 76 > _output/dockerized/bin/linux/amd64/big
'''
    interruptPhase([id: 'phase-4-copy-out', name: 'copy out', label: 'copy out', line: 'Syncing out of container', twice: false,
                    args: ['-Dkube.rsyncCompress=9', '-Dkube.command=bash write-big-binary.sh'],
                    working: { Set<String> before -> hostRsync().collect { "host rsync, pid ${it.tokenize(' ')[0]}".toString() } }])
    interruptPhase([id: 'phase-5-command', name: 'command (`sleep 600`), second SIGINT during cleanup', label: 'command', line: 'Running build command: sleep 600', twice: true,
                    args: ['-Dkube.command=sleep 600'],
                    working: { Set<String> before -> withRole('build', true).collect { "build container ${it}".toString() } }])
} finally {
    writeTable()
}

phases.each { Map phase ->
    assert phase.left.isEmpty(): "${phase.name}: left running after Ctrl-C: ${phase.left}\n${phase.log.text}"
    assert phase.exitCode != 0: "${phase.name}: Maven ended normally although interrupted"
}
String[] logs = phases.collect { it.log.text }
logs.eachWithIndex { String text, int index ->
    assert !text.contains('left by an earlier run that did not end'): "${phases[index].name}: found what an earlier run left:\n${text}"
}
assert logs[1].contains('Building Docker image'): 'the interrupted image build tagged nothing, so the next run builds the image'
assert logs[2].contains('Building Docker image'): 'the image build beside the interrupted data container tagged nothing either'
assert logs[2].contains('Creating data container'): 'the data container whose preparation was interrupted is gone, so it is made anew'
assert logs[3].contains('Reusing data container') && logs[3].contains(madeAnew): 'the interrupted sync-in left the volume marked'
assert logs[4].contains('Reusing data container')
assert !logs[4].contains(madeAnew): 'copy-out reads the volume only; the command before it ended by itself and settled it'
return true
