package io.github.kubemaven.engine.connect;

import io.github.kubemaven.ground.Closing;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private Unix domain socket that stands for an engine docker-java cannot reach by itself: each connection it accepts
 * is joined to a new stream to the engine, and bytes are copied both ways, a thread each, until both sides have ended.
 * The socket lies in a fresh directory only its owner may enter; closing the relay ends every connection and removes
 * both.
 */
final class UnixSocketRelay implements AutoCloseable {

    /** A two-way byte stream to the engine. */
    interface EngineStream extends Closeable {

        InputStream input();

        OutputStream output();

        /** Ends what is sent to the engine; what the engine sends back still flows. */
        void endOutput() throws IOException;
    }

    /** Opens a new stream to the engine for each accepted connection. */
    @FunctionalInterface
    interface Dialer {
        EngineStream dial() throws IOException;
    }

    private static final int BUFFER_SIZE = 65536;

    private final Path directory;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Dialer dialer;
    private final String threadName;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private UnixSocketRelay(Path directory, ServerSocketChannel server, Dialer dialer, String threadName) {
        this.directory = directory;
        this.socket = directory.resolve("engine.sock");
        this.server = server;
        this.dialer = dialer;
        this.threadName = threadName;
    }

    /**
     * Serves a new socket; {@code name} names the relay's threads, {@code engine} the engine for a message when no
     * socket can be made.
     */
    static UnixSocketRelay start(String name, String engine, Dialer dialer) {
        Path directory;
        ServerSocketChannel server;
        try {
            directory = Files.createTempDirectory("kube-engine-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException | RuntimeException e) {
            throw noSocket(engine, e);
        }
        UnixSocketRelay relay = new UnixSocketRelay(directory, server, dialer, "kube-engine-relay-" + name);
        try {
            server.bind(UnixDomainSocketAddress.of(relay.socket));
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw noSocket(engine, e);
        }
        // A JVM stopped by Ctrl-C runs every shutdown hook at once, the container reaper's among them, and the reaper
        // still talks to the engine through this socket: nothing is torn down in a hook, only removed after all hooks.
        directory.toFile().deleteOnExit();
        relay.socket.toFile().deleteOnExit();
        relay.thread("accept", relay::accept);
        return relay;
    }

    private static KubeBuildException noSocket(String engine, Exception e) {
        return new KubeBuildException("Cannot open a local socket for the engine at " + engine + ": " + e, Hints.LOCAL_SOCKET, e);
    }

    /** The address docker-java connects to. */
    String dockerHost() {
        return "unix://" + socket;
    }

    Path socket() {
        return socket;
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Connection connection = new Connection(client);
            connections.add(connection);
            if (closed) {
                connection.close();
                return;
            }
            thread("connection-" + connectionCount.incrementAndGet(), connection::run);
        }
    }

    private void thread(String suffix, Runnable task) {
        Thread thread = new Thread(task, threadName + "-" + suffix);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        Closing.quietly(server);
        List.copyOf(connections).forEach(Connection::close);
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // removed on exit
        }
    }

    /** One accepted connection and its stream to the engine. */
    private final class Connection {
        private final SocketChannel client;
        private final AtomicInteger directionsOpen = new AtomicInteger(2);
        private EngineStream engine;
        private boolean ended;

        Connection(SocketChannel client) {
            this.client = client;
        }

        void run() {
            EngineStream dialed;
            try {
                dialed = dialer.dial();
            } catch (IOException | RuntimeException e) {
                close();
                return;
            }
            synchronized (this) {
                if (ended) {
                    Closing.quietly(dialed);
                    return;
                }
                engine = dialed;
            }
            thread("from-engine", this::engineToClient);
            clientToEngine();
        }

        private void clientToEngine() {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
            try {
                while (client.read(buffer) >= 0) {
                    engine.output().write(buffer.array(), 0, buffer.position());
                    engine.output().flush();
                    buffer.clear();
                }
                engine.endOutput();
                directionEnded();
            } catch (IOException e) {
                close();
            }
        }

        private void engineToClient() {
            byte[] bytes = new byte[BUFFER_SIZE];
            try {
                int read;
                while ((read = engine.input().read(bytes)) >= 0) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, read);
                    while (buffer.hasRemaining()) {
                        client.write(buffer);
                    }
                }
                client.shutdownOutput();
                directionEnded();
            } catch (IOException e) {
                close();
            }
        }

        private void directionEnded() {
            if (directionsOpen.decrementAndGet() == 0) {
                close();
            }
        }

        void close() {
            EngineStream toClose;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                toClose = engine;
            }
            Closing.quietly(client);
            if (toClose != null) {
                Closing.quietly(toClose);
            }
            connections.remove(this);
        }
    }
}
