package io.github.kubemaven.engine;

import io.github.kubemaven.engine.connect.EngineEndpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class UnixSocketGlanceTest {

    @TempDir
    Path directory;

    /** Serves each request on a unix socket with what {@code answer} gives for its request line; records the lines. */
    private final class FakeEngine implements AutoCloseable {
        final Path socket = directory.resolve("docker.sock");
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final ServerSocketChannel server;
        private final Thread serving;

        FakeEngine(Function<String, String> answer) throws IOException {
            server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            serving = new Thread(() -> {
                while (server.isOpen()) {
                    try (SocketChannel client = server.accept()) {
                        ByteBuffer buffer = ByteBuffer.allocate(8192);
                        StringBuilder request = new StringBuilder();
                        while (!request.toString().contains("\r\n\r\n") && client.read(buffer) > 0) {
                            buffer.flip();
                            request.append(StandardCharsets.US_ASCII.decode(buffer));
                            buffer.clear();
                        }
                        String line = request.substring(0, request.indexOf("\r\n"));
                        requests.add(line);
                        String response = answer.apply(line);
                        if (response != null) {
                            client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
                        } else {
                            Thread.sleep(10_000);
                        }
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            serving.setDaemon(true);
            serving.start();
        }

        EngineGlance glance() {
            return UnixSocketGlance.of(new EngineEndpoint("unix://" + socket, null, false, "a test")).orElseThrow();
        }

        @Override
        public void close() throws IOException {
            server.close();
            serving.interrupt();
            Files.deleteIfExists(socket);
        }
    }

    private static String ok(String json) {
        return "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + json;
    }

    @Test
    void anImageIsKnownByItsIdAndLabels() throws IOException {
        try (FakeEngine engine = new FakeEngine(line -> ok(
                "{\"Id\":\"sha256:abc\",\"Config\":{\"Labels\":{\"io.github.kubemaven.fingerprint\":\"f00\",\"other\":\"x\"}}}"))) {
            Optional<ImageInfo> image = engine.glance().inspectImage("k8s.gcr.io/build-image/kube-cross:v1.15.5-1");
            assertThat(image).contains(new ImageInfo("sha256:abc", Map.of("io.github.kubemaven.fingerprint", "f00", "other", "x")));
            assertThat(engine.requests).containsExactly("GET /images/k8s.gcr.io/build-image/kube-cross:v1.15.5-1/json HTTP/1.0");
        }
    }

    @Test
    void anImageWithoutLabelsHasNone() throws IOException {
        try (FakeEngine engine = new FakeEngine(line -> ok("{\"Id\":\"sha256:abc\",\"Config\":{\"Labels\":null}}"))) {
            assertThat(engine.glance().inspectImage("debian:12")).contains(new ImageInfo("sha256:abc", Map.of()));
        }
    }

    @Test
    void anyOtherAnswerIsNoAnswer() throws IOException {
        try (FakeEngine engine = new FakeEngine(line -> line.contains("missing")
                ? "HTTP/1.0 404 Not Found\r\n\r\n{\"message\":\"No such image\"}"
                : line.contains("broken") ? ok("{\"Id\":") : "garbage")) {
            assertThat(engine.glance().inspectImage("missing:1")).isEmpty();
            assertThat(engine.glance().inspectImage("broken:1")).isEmpty();
            assertThat(engine.glance().inspectImage("other:1")).isEmpty();
            assertThat(engine.glance().containerLabels(Map.of("a", "b"))).isEmpty();
        }
    }

    @Test
    void containersAreAskedForByLabelAndAnsweredWithTheirLabels() throws IOException {
        try (FakeEngine engine = new FakeEngine(line -> ok(
                "[{\"Id\":\"1\",\"Labels\":{\"io.github.kubemaven.tree\":\"t\",\"io.github.kubemaven.role\":\"build\"}},{\"Id\":\"2\",\"Labels\":{}}]"))) {
            Optional<List<Map<String, String>>> labels = engine.glance().containerLabels(Map.of("io.github.kubemaven.tree", "t"));
            assertThat(labels).contains(List.of(Map.of("io.github.kubemaven.tree", "t", "io.github.kubemaven.role", "build"), Map.of()));
            String request = URLDecoder.decode(engine.requests.get(0), StandardCharsets.UTF_8);
            assertThat(request).isEqualTo("GET /containers/json?all=1&filters={\"label\":[\"io.github.kubemaven.tree=t\"]} HTTP/1.0");
        }
    }

    @Test
    void containersAreReadPastTheirOtherFields() throws IOException {
        String container = "{\"Id\":\"1\",\"Names\":[\"/kube-mvn-data\"],\"Ports\":[{\"PrivatePort\":8730,\"Type\":\"tcp\"}],"
                + "\"HostConfig\":{\"NetworkMode\":\"bridge\",\"Labels\":{\"not\":\"these\"}},"
                + "\"NetworkSettings\":{\"Networks\":{\"bridge\":{\"IPAddress\":\"\"}}},\"Labels\":{\"io.github.kubemaven.role\":\"data\"},"
                + "\"Mounts\":[{\"Type\":\"volume\",\"Name\":\"v\"}],\"State\":\"exited\"}";
        try (FakeEngine engine = new FakeEngine(line -> ok("[" + container + ",{\"Id\":\"2\",\"Labels\":null}]"))) {
            assertThat(engine.glance().containerLabels(Map.of("a", "b")))
                    .contains(List.of(Map.of("io.github.kubemaven.role", "data"), Map.of()));
        }
        try (FakeEngine engine = new FakeEngine(line -> ok("[]"))) {
            assertThat(engine.glance().containerLabels(Map.of("a", "b"))).as("no container").contains(List.of());
        }
        try (FakeEngine engine = new FakeEngine(line -> ok("{\"message\":\"not a list\"}"))) {
            assertThat(engine.glance().containerLabels(Map.of("a", "b"))).as("not a list").isEmpty();
        }
    }

    @Test
    void anImageTakesTheLabelsOfItsConfigAlone() throws IOException {
        String image = "{\"Id\":\"sha256:abc\",\"RepoTags\":[\"kube-cross:v1\"],\"ContainerConfig\":{\"Labels\":{\"builder\":\"x\"}},"
                + "\"GraphDriver\":{\"Data\":{\"LowerDir\":\"/a\"},\"Name\":\"overlay2\"},"
                + "\"Config\":{\"Env\":[\"PATH=/usr/bin\"],\"Labels\":{\"io.github.kubemaven.fingerprint\":\"f00\"},\"Cmd\":null},\"Size\":12}";
        try (FakeEngine engine = new FakeEngine(line -> line.contains("noid") ? ok("{\"Config\":{\"Labels\":{}}}")
                : line.contains("nullconfig") ? ok("{\"Id\":\"sha256:def\",\"Config\":null}")
                : line.contains("list") ? ok("[]") : ok(image))) {
            assertThat(engine.glance().inspectImage("kube-cross:v1")).contains(new ImageInfo("sha256:abc", Map.of("io.github.kubemaven.fingerprint", "f00")));
            assertThat(engine.glance().inspectImage("noid:1")).as("no Id").isEmpty();
            assertThat(engine.glance().inspectImage("nullconfig:1")).contains(new ImageInfo("sha256:def", Map.of()));
            assertThat(engine.glance().inspectImage("list:1")).as("not an object").isEmpty();
        }
    }

    @Test
    void aSilentEngineKeepsNoThreadOnceTheAnswerIsGivenUp() throws IOException, InterruptedException {
        try (FakeEngine engine = new FakeEngine(line -> null)) {
            assertThat(engine.glance().inspectImage("debian:12")).isEmpty();
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (glanceThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(glanceThreads()).as("exchanges still waiting").isZero();
        }
    }

    private static long glanceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(UnixSocketGlance.THREAD_NAME)).count();
    }

    @Test
    void noEngineAndASilentEngineAreNoAnswerSoon() throws IOException {
        EngineGlance nobody = UnixSocketGlance.of(new EngineEndpoint("unix://" + directory.resolve("none.sock"), null, false, "a test"))
                .orElseThrow();
        assertThat(nobody.inspectImage("debian:12")).isEmpty();
        try (FakeEngine engine = new FakeEngine(line -> null)) {
            long start = System.nanoTime();
            assertThat(engine.glance().inspectImage("debian:12")).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void onlyAUnixSocketIsGlancedAt() {
        assertThat(UnixSocketGlance.of(new EngineEndpoint("tcp://10.0.0.2:2376", null, false, "a test"))).isEmpty();
        assertThat(UnixSocketGlance.of(new EngineEndpoint("ssh://builder", null, false, "a test"))).isEmpty();
    }

    @Test
    void theRealEngineSaysWhatItsClientSays() {
        Path socket = Path.of("/var/run/docker.sock");
        assumeThat(Files.exists(socket)).as("a Docker engine on the default socket").isTrue();
        EngineGlance glance = UnixSocketGlance.of(new EngineEndpoint("unix://" + socket, null, false, "the default socket")).orElseThrow();
        try (DockerEngine engine = DockerJavaEngine.connect("unix://" + socket)) {
            List<String> images = engine.listImages(Map.of());
            assumeThat(images).as("an image on the engine").isNotEmpty();
            for (String image : images.subList(0, Math.min(3, images.size()))) {
                assertThat(glance.inspectImage(image)).isEqualTo(engine.inspectImage(image));
            }
            assertThat(glance.inspectImage("kube-maven-plugin/no-such-image:0")).isEmpty();
            assertThat(glance.containerLabels(Map.of("io.github.kubemaven.tree", "no-such-tree"))).contains(List.of());
        }
    }
}
