package io.github.kubemaven.transport;

import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.ground.RecordingLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ExecTunnelTest {

    /** An engine whose exec echoes its standard input back, upper-cased, so the test sees the bytes made the round trip. */
    private static final class EchoingEngine extends FakeDockerEngine {
        @Override
        public int exec(String id, List<String> command, InputStream stdin, OutputStream stdout, Consumer<String> stderr) {
            super.exec(id, command, stdin, stdout, stderr);
            try {
                stdout.write(new String(stdin.readAllBytes(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
                stdout.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return 0;
        }
    }

    private static String running(FakeDockerEngine engine) {
        String id = engine.createContainer(ContainerSpec.builder("kube-mvn-rsync-0123456789-1-v1", "image")
                .labels(java.util.Map.of("io.github.kubemaven.role", "rsync")).build());
        engine.startContainer(id);
        return id;
    }

    @Test
    void eachConnectionIsCarriedToItsOwnExecOfTheCommandAndBack() throws IOException {
        EchoingEngine engine = new EchoingEngine();
        String container = running(engine);
        try (ExecTunnel tunnel = ExecTunnel.open(engine, container, RsyncDaemonFiles.DAEMON_ON_STDIO, new RecordingLog())) {
            assertThat(tunnel.address()).startsWith("127.0.0.1:");
            for (String word : List.of("first", "second")) {
                String[] hostPort = tunnel.address().split(":");
                try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                    socket.getOutputStream().write(word.getBytes(StandardCharsets.UTF_8));
                    socket.shutdownOutput();
                    assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(word.toUpperCase());
                }
            }
            assertThat(tunnel.failure()).isNull();
        }
        assertThat(engine.execs).hasSize(2).allSatisfy(exec -> assertThat(exec).endsWith(String.join(" ", RsyncDaemonFiles.DAEMON_ON_STDIO)));
    }

    @Test
    void aFailureOnTheEnginesSideIsKeptForTheCallerAndTheConnectionCloses() throws IOException {
        FakeDockerEngine engine = new FakeDockerEngine();
        String container = running(engine);
        engine.failing.add("exec rsync");
        try (ExecTunnel tunnel = ExecTunnel.open(engine, container, RsyncDaemonFiles.DAEMON_ON_STDIO, new RecordingLog())) {
            String[] hostPort = tunnel.address().split(":");
            try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(tunnel.failure()).hasMessageContaining("exec of the rsync container failed");
        }
    }

    @Test
    void aClosedTunnelHasLetGoOfItsPortWhenCloseReturns() throws IOException {
        FakeDockerEngine engine = new FakeDockerEngine();
        ExecTunnel tunnel = ExecTunnel.open(engine, running(engine), List.of("true"), new RecordingLog());
        int port = Integer.parseInt(tunnel.address().split(":")[1]);
        tunnel.close();
        try (ServerSocket sameAddress = new ServerSocket()) {
            sameAddress.setReuseAddress(true);
            sameAddress.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(sameAddress.getLocalPort()).isEqualTo(port);
        }
    }

    /** An engine whose execs hold their connection until the test lets them go, counting how many have started. */
    private static final class HoldingEngine extends FakeDockerEngine {
        final java.util.concurrent.Semaphore started = new java.util.concurrent.Semaphore(0);
        final java.util.concurrent.CountDownLatch letGo = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger execs = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public int exec(String id, List<String> command, InputStream stdin, OutputStream stdout, Consumer<String> stderr) {
            execs.incrementAndGet();
            started.release();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    @Test
    void noMoreConnectionsAreCarriedAtOnceThanTheCapAndTheNextWaitsForAPlace() throws Exception {
        HoldingEngine engine = new HoldingEngine();
        List<Socket> clients = new java.util.ArrayList<>();
        try (ExecTunnel tunnel = ExecTunnel.open(engine, running(engine), RsyncDaemonFiles.DAEMON_ON_STDIO, new RecordingLog())) {
            String[] hostPort = tunnel.address().split(":");
            for (int i = 0; i < ExecTunnel.MOST_CONNECTIONS + 2; i++) {
                clients.add(new Socket(hostPort[0], Integer.parseInt(hostPort[1])));
            }
            assertThat(engine.started.tryAcquire(ExecTunnel.MOST_CONNECTIONS, 5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(engine.started.tryAcquire(1, 500, java.util.concurrent.TimeUnit.MILLISECONDS)).isFalse();
            assertThat(engine.execs).hasValue(ExecTunnel.MOST_CONNECTIONS);

            engine.letGo.countDown();
            assertThat(engine.started.tryAcquire(2, 5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(engine.execs).hasValue(ExecTunnel.MOST_CONNECTIONS + 2);
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
