import io.github.kubemaven.it.ItSupport
import java.util.concurrent.TimeUnit

def kit = new ItSupport()
final String ESC = '\u001B'
final String CURSOR_MOVES = /\u001B\[(?:\d+A|J)/
/** Maven colours its level tags on a console as it sees fit; the plugin adds no code of its own to a plain log. */
final String MAVEN_COLOURS = /\u001B\[[0-9;]*m/
final String FOOTER = /(?m)^kube command \d+:\d\d \| step [1-6] of six\s*$/

String batchLog = new File(basedir, 'build.log').text
assert batchLog.contains('Phase command'): batchLog
assert !batchLog.contains(ESC): 'batch mode (-B) logs no escape code'

File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
new File(basedir, 'six-steps.sh').text = 'for i in 1 2 3 4 5 6; do echo "step $i of six"; sleep 1; done\n'
List<String> maven = kit.mavenCommand(localRepositoryPath, settings, plugin + ':run', ['-Dkube.command=bash six-steps.sh']) - ['-B']
String quoted = maven.collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
String ciVariables = ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'JENKINS_URL', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TF_BUILD',
                      'TEAMCITY_VERSION', 'BUILDKITE', 'CIRCLECI', 'TRAVIS'].collect { "-u ${it}" }.join(' ')

/**
 * Runs the goal on a tmux console of 120 columns, no -B: returns the raw bytes the console got, the screens read
 * while it ran, and the last screen with its history.
 */
def onConsole = { String name, String environment, String redirect ->
    String socket = "kube-it-console-${name}"
    File script = new File(basedir, "${name}.sh")
    File raw = new File(basedir, "${name}.raw")
    File started = new File(basedir, "${name}.started")
    script.text = """#!/bin/sh
while [ ! -e '${started}' ]; do sleep 0.1; done
cd '${basedir}' && env ${ciVariables} ${environment} ${quoted} ${redirect}
echo "maven-exit=\$?"
sleep 600
"""
    script.setExecutable(true)
    List<String> frames = []
    String screen
    try {
        kit.run(basedir, ['tmux', '-L', socket, 'new-session', '-d', '-x', '120', '-y', '50', '-s', 'it', script.path])
        kit.run(basedir, ['tmux', '-L', socket, 'pipe-pane', '-o', '-t', 'it', "cat >> '${raw}'".toString()])
        started.text = ''
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5)
        while (System.nanoTime() < deadline) {
            String frame = kit.run(basedir, ['tmux', '-L', socket, 'capture-pane', '-p', '-t', 'it'])
            frames << frame
            if (frame.contains('maven-exit=')) {
                break
            }
            Thread.sleep(200)
        }
        screen = kit.run(basedir, ['tmux', '-L', socket, 'capture-pane', '-p', '-S', '-500', '-t', 'it'])
    } finally {
        kit.runAllowingFailure(basedir, ['tmux', '-L', socket, 'kill-server'])
    }
    assert screen.contains('maven-exit=0'): "Maven on the ${name} console:\n${screen}"
    return [raw: raw.getText('UTF-8'), frames: frames, screen: screen]
}

def live = onConsole('live', '', '')
assert live.frames.any { it =~ FOOTER }: "a footer showed the command's time and latest line:\n${live.frames.join('\n----\n')}"
assert live.raw =~ CURSOR_MOVES: 'the footer was drawn and erased'
assert !(live.screen =~ /(?m)^kube /): "no footer is left when Maven ends:\n${live.screen}"
(1..6).each { step ->
    assert live.screen.findAll(/(?m)^\[INFO\] step ${step} of six$/).size() == 1: "log line ${step} shows once, whole:\n${live.screen}"
}

[dumb: 'TERM=dumb', ci: 'CI=true'].each { name, environment ->
    def plain = onConsole(name, environment, '')
    assert !(plain.raw =~ CURSOR_MOVES): "${environment}: no cursor movement"
    assert !plain.raw.replaceAll(MAVEN_COLOURS, '').contains(ESC): "${environment}: no escape code but Maven's own colours"
    assert plain.frames.every { !(it =~ /(?m)^kube command/) }: "${environment}: no footer"
    assert plain.screen.contains('[INFO] step 6 of six')
}

File redirected = new File(basedir, 'redirected.log')
def noConsole = onConsole('file', '', "> '${redirected}' 2>&1")
String fileLog = redirected.getText('UTF-8')
assert fileLog.contains('step 6 of six') && fileLog.contains('Phase command'): fileLog
assert !fileLog.contains(ESC): 'output to a file, no -B: no escape code'
assert !(noConsole.raw =~ CURSOR_MOVES)
return true
