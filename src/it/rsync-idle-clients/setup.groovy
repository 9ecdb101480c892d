// A client that connects to the rsync daemon and never gives the password keeps no place for long: the run's own
// transfers get in while such clients hold every connection the daemon takes, over a published port and over the
// Engine API alike.
import io.github.kubemaven.it.ItSupport

def kit = new ItSupport()
File tree = new File(basedir, 'tree')
kit.freshTree(new File(fixtureDir), tree)
String hash = kit.expectedTreeHash(tree)
File settings = new File(basedir.parentFile, 'interpolated-settings.xml')

/** Connects as an rsync client would, names the module, and stays silent at the password question. */
Socket idleClient(int port) {
    Socket socket = new Socket('127.0.0.1', port)
    socket.outputStream.write('@RSYNCD: 31.0\nk8s\n'.getBytes('US-ASCII'))
    socket.outputStream.flush()
    return socket
}

/** Whether the other side closes {@code socket} within {@code seconds} of {@code openedNanos}, reading what it sends meanwhile. */
boolean closedWithin(Socket socket, long openedNanos, int seconds) {
    byte[] buffer = new byte[256]
    try {
        while (true) {
            long left = openedNanos + seconds * 1_000_000_000L - System.nanoTime()
            if (left <= 0) {
                return false
            }
            socket.soTimeout = Math.max(1, left.intdiv(1_000_000L) as int)
            if (socket.inputStream.read(buffer) < 0) {
                return true
            }
        }
    } catch (SocketTimeoutException e) {
        return false
    }
}

for (String transport : ['port', 'api']) {
    File logFile = new File(basedir, "run-${transport}.log")
    def process = new ProcessBuilder(kit.mavenCommand(localRepositoryPath, settings, plugin + ':run',
            ['-Dkube.command=sleep 25', "-Dkube.rsyncTransport=${transport}".toString(), '-X']))
            .directory(tree).redirectErrorStream(true).redirectOutput(logFile).start()
    List<Socket> idle = []
    try {
        assert kit.waitFor(180) { logFile.text.contains('Running build command: sleep 25') }: logFile.text
        String rsyncContainer = kit.containersOf(hash, true).find { it.startsWith('kube-mvn-rsync-') }
        int port
        if (transport == 'port') {
            port = Integer.parseInt(kit.docker('port', rsyncContainer, '8730').readLines().first().tokenize(':').last())
        } else {
            def answered = logFile.text =~ /rsync daemon answers at 127\.0\.0\.1:(\d+)/
            assert answered.find(): logFile.text
            port = Integer.parseInt(answered.group(1))
        }
        long opened = System.nanoTime()
        6.times { idle << idleClient(port) }
        // four connections take the daemon's places (or the tunnel's, with two more waiting for them); each goes
        // after ten seconds or so
        idle.eachWithIndex { client, i ->
            assert closedWithin(client, opened, 30): "idle client ${i} still connected after 30 s over the ${transport} transport"
        }
        assert process.waitFor(150, java.util.concurrent.TimeUnit.SECONDS): logFile.text
        assert process.exitValue() == 0: logFile.text
        assert logFile.text.contains('Syncing out of container'): logFile.text
    } finally {
        process.destroyForcibly()
        idle.each { it.close() }
    }
    assert kit.waitFor(30) { kit.containersOf(hash, true).isEmpty() }: 'the run leaves no container running'
}
return true
