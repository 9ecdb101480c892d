package io.github.kubemaven.engine.connect;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An engine reached over ssh the way the docker CLI reaches it, since docker-java has no ssh transport: docker-java
 * connects to a private local socket ({@link UnixSocketRelay}), and each connection runs the system's ssh client with
 * {@code docker system dial-stdio} on the remote host, its standard input and output joined to that connection. ssh
 * reads the user's own configuration and agent.
 *
 * <p>Opening the tunnel sends one {@code /_ping} through such a connection, so that a refused key, an unknown host or a
 * host without docker fails at once, in one line that quotes ssh. Closing it ends every connection and stops its ssh.
 */
final class SshEngineTunnel implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Past ssh's connect timeout, time for the login and for the remote docker to answer. */
    private static final Duration PROBE_TIMEOUT = CONNECT_TIMEOUT.plusSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] PING = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern OK = Pattern.compile("HTTP/1\\.[01] 200 .*");
    private static final int KEPT_OUTPUT = 8192;

    private final List<String> dialCommand;
    private final String description;
    private final String address;
    private final UnixSocketRelay relay;

    /**
     * A tunnel whose connections each run {@code dialCommand}, a command that joins its standard input and output to
     * the engine; {@code address} is the ssh address, {@code description} names it with its origin for messages.
     */
    SshEngineTunnel(List<String> dialCommand, String address, String description) {
        this.dialCommand = List.copyOf(dialCommand);
        this.address = address;
        this.description = description;
        probe();
        this.relay = UnixSocketRelay.start("ssh", description, this::dial);
    }

    /** Opens a tunnel to the engine at {@code endpoint}, whose host is an ssh address. */
    static SshEngineTunnel open(EngineEndpoint endpoint) {
        SshDestination destination = SshDestination.parse(endpoint.host());
        Path masterFolder;
        try {
            masterFolder = Files.createTempDirectory("kube-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("no private folder for the ssh connection", e);
        }
        Path master = masterFolder.resolve("master");
        SshEngineTunnel tunnel;
        try {
            tunnel = new SshEngineTunnel(inOwnSession(destination.dialCommand(CONNECT_TIMEOUT, master)), endpoint.host(),
                    endpoint.describe());
        } catch (RuntimeException e) {
            endMaster(destination, master);
            throw e;
        }
        tunnel.onClose = () -> endMaster(destination, master);
        return tunnel;
    }

    /** Ends the shared ssh connection, if one was made, and removes its folder. */
    private static void endMaster(SshDestination destination, Path master) {
        try {
            if (Files.exists(master)) {
                Process exit = new ProcessBuilder(destination.exitMasterCommand(master))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!exit.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    exit.destroyForcibly();
                }
            }
            Files.deleteIfExists(master);
            Files.deleteIfExists(master.getParent());
        } catch (IOException e) {
            // the master ends by itself once idle; its folder is in the system's temporary folder
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Runnable onClose = () -> { };

    /**
     * {@code command} run through setsid where the system has it, as the docker CLI starts ssh: Ctrl-C in a terminal
     * signals the whole foreground process group, and ssh outside it lives on while the container reaper's shutdown
     * hook still needs the engine. setsid replaces itself with the command, so the process is the command's own.
     */
    static List<String> inOwnSession(List<String> command) {
        boolean setsid = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "setsid")));
        return setsid ? Stream.concat(Stream.of("setsid"), command.stream()).toList() : command;
    }

    /** The address docker-java connects to. */
    String dockerHost() {
        return relay.dockerHost();
    }

    UnixSocketRelay relay() {
        return relay;
    }

    /**
     * The bidirectional pipe runs for as long as docker-java keeps the connection, so it is a {@link ProcessBuilder} of
     * its own rather than a {@code HostProcess}, which runs commands to completion.
     */
    private DialedProcess dial() throws IOException {
        return new DialedProcess(new ProcessBuilder(dialCommand).start());
    }

    private void probe() {
        DialedProcess process;
        try {
            process = dial();
        } catch (IOException e) {
            throw new KubeBuildException("Cannot run " + dialCommand.get(0) + " to reach the engine at " + description
                    + ": " + e.getMessage(), Hints.sshEngine(address), e);
        }
        try {
            String statusLine;
            try {
                process.output().write(PING);
                process.endOutput();
                statusLine = firstLine(process);
            } catch (IOException e) {
                statusLine = "";
            }
            if (!OK.matcher(statusLine).matches()) {
                process.waitForExit(STOP_TIMEOUT);
                throw new KubeBuildException("Cannot reach the Docker engine at " + description + ": "
                        + process.failure(statusLine), Hints.sshEngine(address));
            }
        } finally {
            process.close();
        }
    }

    /** The first line the process prints, or what it printed before it ended or {@link #PROBE_TIMEOUT} passed. */
    private static String firstLine(DialedProcess process) throws IOException {
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.timedOut = true;
                    process.stop();
                }
            } catch (InterruptedException ignored) {
                // the probe is over
            }
        }, "kube-engine-ssh-probe");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            StringBuilder line = new StringBuilder();
            int next;
            while ((next = process.input().read()) >= 0 && next != '\n' && line.length() < KEPT_OUTPUT) {
                line.append((char) next);
            }
            return line.toString().strip();
        } finally {
            watchdog.interrupt();
        }
    }

    @Override
    public void close() {
        relay.close();
        onClose.run();
    }

    /** One ssh process: its standard input and output are the stream to the engine; what it says on stderr is kept. */
    private static final class DialedProcess implements UnixSocketRelay.EngineStream {
        private final Process process;
        private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        private final Thread errorReader;
        private volatile boolean timedOut;

        DialedProcess(Process process) {
            this.process = process;
            this.errorReader = new Thread(this::readErrors, "kube-engine-ssh-stderr");
            errorReader.setDaemon(true);
            errorReader.start();
        }

        private void readErrors() {
            byte[] buffer = new byte[1024];
            try (InputStream stderr = process.getErrorStream()) {
                int read;
                while ((read = stderr.read(buffer)) >= 0) {
                    synchronized (errors) {
                        if (errors.size() < KEPT_OUTPUT) {
                            errors.write(buffer, 0, Math.min(read, KEPT_OUTPUT - errors.size()));
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }

        @Override
        public InputStream input() {
            return process.getInputStream();
        }

        @Override
        public OutputStream output() {
            return process.getOutputStream();
        }

        @Override
        public void endOutput() throws IOException {
            process.getOutputStream().close();
        }

        void waitForExit(Duration timeout) {
            try {
                if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    errorReader.join(timeout.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Why the probe failed: the engine's answer if one came, else ssh's last word, else how the command ended. */
        String failure(String statusLine) {
            if (timedOut) {
                return "no answer within " + PROBE_TIMEOUT.toSeconds() + " s";
            }
            if (statusLine.startsWith("HTTP/")) {
                return "the engine answered " + statusLine;
            }
            String said;
            synchronized (errors) {
                said = errors.toString(StandardCharsets.UTF_8);
            }
            return said.lines().map(String::strip).filter(line -> !line.isEmpty()).reduce((first, second) -> second)
                    .orElse(process.isAlive() ? "no answer" : "the command ended with exit code " + process.exitValue());
        }

        void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }

        @Override
        public void close() {
            stop();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeStreams();
        }

        private void closeStreams() {
            for (AutoCloseable stream : List.of(process.getOutputStream(), process.getInputStream())) {
                try {
                    stream.close();
                } catch (Exception ignored) {
                    // the process is gone
                }
            }
        }
    }
}
