package io.github.kubemaven.engine.connect;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** TLS as docker-java speaks it, and as the relay speaks it for an engine that is not verified. */
class EngineRouteTest {

    private static final Path LOCAL_ENGINE = Path.of("/var/run/docker.sock");

    @TempDir
    Path tls;

    @Test
    void aVerifiedEngineIsReachedDirectlyWithTheClientCertificate() throws Exception {
        assumeThat(Files.exists(LOCAL_ENGINE)).as("a local engine").isTrue();
        try (TlsEngine engine = new TlsEngine("localhost"); EngineRoute route = verifiedRoute(engine)) {
            assertThat(route.dockerHost()).isEqualTo("tcp://localhost:" + engine.port());
            assertThat(client(route).versionCmd().exec().getApiVersion()).isNotBlank();
        }
    }

    @Test
    void aVerifiedEngineMustCarryItsHostName() throws Exception {
        assumeThat(Files.exists(LOCAL_ENGINE)).as("a local engine").isTrue();
        try (TlsEngine engine = new TlsEngine("elsewhere.example"); EngineRoute route = verifiedRoute(engine)) {
            assertThatThrownBy(() -> client(route).pingCmd().exec())
                    .hasStackTraceContaining("Certificate for <localhost> doesn't match any of the subject alternative names: [elsewhere.example]");
        }
    }

    /** docker-java's transport would check the host name whatever it trusts: the relay speaks such TLS instead. */
    @Test
    void anUnverifiedEngineIsReachedThroughTheRelayWhateverItsCertificate() throws Exception {
        assumeThat(Files.exists(LOCAL_ENGINE)).as("a local engine").isTrue();
        Path socket;
        try (TlsEngine engine = new TlsEngine("elsewhere.example")) {
            TestCertificates.write(tls, TestCertificates.selfSigned("unrelated"), engine.client);
            Files.delete(tls.resolve("ca.pem"));
            try (EngineRoute route = EngineRoute.open(new EngineEndpoint("tcp://localhost:" + engine.port(), tls, false, "test"))) {
                assertThat(route.dockerHost()).startsWith("unix://");
                assertThat(route.sslConfig()).isNull();
                socket = Path.of(route.dockerHost().substring("unix://".length()));
                DockerClient docker = client(route);
                assertThat(docker.versionCmd().exec().getApiVersion()).isNotBlank();
                assertThat(docker.infoCmd().exec().getId()).isNotBlank();
            }
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void anUnverifiedEngineThatDoesNotAnswerFailsAtOnce() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        EngineEndpoint endpoint = new EngineEndpoint("tcp://127.0.0.1:" + port, tls, false, "test");
        assertThatThrownBy(() -> EngineRoute.open(endpoint))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("No Docker engine answers at tcp://127.0.0.1:" + port
                        + " (from test, TLS without verification) (Connection refused).");
    }

    /** A route that verifies the engine with its certificate as ca.pem and presents the client's. */
    private EngineRoute verifiedRoute(TlsEngine engine) throws Exception {
        Path files = TestCertificates.write(tls, engine.server, engine.client);
        return EngineRoute.open(new EngineEndpoint("tcp://localhost:" + engine.port(), files, true, "test"));
    }

    private static DockerClient client(EngineRoute route) {
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder().withDockerHost(route.dockerHost()).build();
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(route.sslConfig()).connectionTimeout(Duration.ofSeconds(5)).build());
    }

    /** The local engine behind TLS on a loopback port, requiring {@code client}'s certificate as dockerd --tlsverify does. */
    private static final class TlsEngine implements AutoCloseable {
        private final TestCertificates.Identity server;
        private final TestCertificates.Identity client = TestCertificates.selfSigned("client");
        private final SSLServerSocket socket;

        TlsEngine(String serverName) throws Exception {
            this.server = TestCertificates.selfSigned(serverName);
            char[] password = "test".toCharArray();
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(null, null);
            keys.setKeyEntry("server", server.keys().getPrivate(), password, new Certificate[] {server.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("client", client.certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            socket.setNeedClientAuth(true);
            daemon(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    SSLSocket connection = (SSLSocket) socket.accept();
                    SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                    engine.connect(UnixDomainSocketAddress.of(LOCAL_ENGINE));
                    daemon(() -> toEngine(connection, engine));
                    daemon(() -> fromEngine(engine, connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void toEngine(SSLSocket connection, SocketChannel engine) {
            byte[] bytes = new byte[65536];
            try (connection; engine) {
                InputStream in = connection.getInputStream();
                int read;
                while ((read = in.read(bytes)) >= 0) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, read);
                    while (buffer.hasRemaining()) {
                        engine.write(buffer);
                    }
                }
            } catch (IOException ignored) {
                // either side ended
            }
        }

        private static void fromEngine(SocketChannel engine, SSLSocket connection) {
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            try (connection; engine) {
                OutputStream out = connection.getOutputStream();
                while (engine.read(buffer) >= 0) {
                    out.write(buffer.array(), 0, buffer.position());
                    out.flush();
                    buffer.clear();
                }
            } catch (IOException ignored) {
                // either side ended
            }
        }

        private static void daemon(Runnable task) {
            Thread thread = new Thread(task, "tls-engine");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
