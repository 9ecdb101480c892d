// capture-pane -J keeps the spaces up to where the cursor was: a line may end in spaces
// kube:shell on a tmux console of 160x40, as a user opens it: the log before the shell ends its lines where they
// begin, the container's terminal has the console's size and follows a resize, a long line edited at its start is
// redrawn as typed, and leaving after a failed command ends the goal without a build failure.
import io.github.kubemaven.it.ItSupport
import java.util.concurrent.TimeUnit

def kit = new ItSupport()
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')
List<String> maven = kit.mavenCommand(localRepositoryPath, settings, plugin + ':shell', []) - ['-B']
String quoted = maven.collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
String socket = 'kube-it-shell'
File script = new File(basedir, 'shell.sh')
File started = new File(basedir, 'shell.started')
script.text = """#!/bin/sh
while [ ! -e '${started}' ]; do sleep 0.1; done
cd '${basedir}' && env -u CI ${quoted}
echo "maven-exit=\$?"
sleep 600
"""
script.setExecutable(true)
def tmux = { String... arguments -> kit.run(basedir, ['tmux', '-L', socket] + arguments.toList()) }
def screen = { tmux('capture-pane', '-p', '-J', '-S', '-1000', '-t', 'it') }
def waitFor = { String what, Closure<Boolean> condition ->
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4)
    while (System.nanoTime() < deadline) {
        if (condition(screen())) {
            return
        }
        Thread.sleep(200)
    }
    assert false: "${what}; the console shows:\n${screen()}"
}
def type = { String keys -> tmux('send-keys', '-t', 'it', '-l', keys) }
def press = { String key -> tmux('send-keys', '-t', 'it', key) }
String text
try {
    tmux('new-session', '-d', '-x', '160', '-y', '40', '-s', 'it', script.path)
    started.text = ''
    // bash's prompt in the container, user@host:folder followed by $ or, as root, #; Maven's lines start with [
    waitFor('the shell prompt in the container') { it =~ /(?m)^[^\s\[][^\n]*[#\$] *$/ }

    type('echo size-now $(stty size)'); press('Enter')
    waitFor('the size inside') { it.contains('size-now ') && it =~ /size-now \d+ \d+/ }
    assert screen() =~ /(?m)^size-now 40 160 *$/: 'the container terminal has the console size'

    tmux('resize-window', '-t', 'it', '-x', '120', '-y', '30')
    Thread.sleep(1000)
    type('echo size-after $(stty size)'); press('Enter')
    waitFor('the size after the resize') { it =~ /size-after \d+ \d+/ }
    assert screen() =~ /(?m)^size-after 30 120 *$/: 'the container terminal follows the resize'

    String longWord = 'x' * 150
    type("echo ${longWord} end"); press('C-a'); type('LONG'); press('Enter')
    waitFor('the edited long line ran') { it.contains('LONGecho: command not found') }
    assert screen() =~ /(?m)^[^\n]*[#\$] LONGecho ${longWord} end *$/: 'the line reads as it was typed after the edit at its start'

    type('false; exit'); press('Enter')
    waitFor('Maven ended') { it.contains('maven-exit=') }
    text = screen()
} finally {
    new File(basedir, 'shell-screen.txt').text = kit.runAllowingFailure(basedir, ['tmux', '-L', socket, 'capture-pane', '-p', '-J', '-S', '-1000', '-t', 'it']).output ?: ''
    kit.runAllowingFailure(basedir, ['tmux', '-L', socket, 'kill-server'])
}
assert text.contains('maven-exit=0'): text
assert text.contains('The shell ended with exit status 1, the status of its last command'): text
assert text.contains('BUILD SUCCESS') && !text.contains('BUILD FAILURE'): text
List<String> logLines = text.readLines().findAll { it.contains('[INFO]') || it.contains('[WARNING]') }
assert logLines && logLines.every { it.startsWith('[') }: "every log line starts where a line starts:\n${logLines.findAll { !it.startsWith('[') }.join('\n')}"
return true
