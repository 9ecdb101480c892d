package io.github.kubemaven.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link EngineGlance} over the engine's unix socket, one HTTP/1.0 request per question. The engine API client takes
 * over a second to load and connect in a new JVM, which is most of a run that finds nothing to build; a plain socket
 * and a JSON parse take a few milliseconds. The JDK's HTTP client cannot use a unix socket, hence the request written
 * by hand; HTTP/1.0 keeps the answer free of chunked encoding.
 */
public final class UnixSocketGlance implements EngineGlance {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;
    private final String endpoint;

    UnixSocketGlance(Path socket, String endpoint) {
        this.socket = socket;
        this.endpoint = endpoint;
    }

    /** A glance at the engine {@code dockerHost} (kube.dockerHost, or null) leads to, when that is a unix socket. */
    public static Optional<EngineGlance> at(String dockerHost) {
        EngineEndpoint endpoint = EngineEndpoint.resolve(dockerHost, System.getenv(), Path.of(System.getProperty("user.home")));
        return of(endpoint);
    }

    static Optional<EngineGlance> of(EngineEndpoint endpoint) {
        if (!endpoint.host().startsWith("unix://")) {
            return Optional.empty();
        }
        return Optional.of(new UnixSocketGlance(Path.of(endpoint.host().substring("unix://".length())), endpoint.describe()));
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        String path = URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("%2F", "/").replace("%3A", ":");
        return get("/images/" + path + "/json")
                .map(image -> new ImageInfo(image.path("Id").asText(), labelsOf(image.path("Config"))))
                .filter(image -> !image.id().isEmpty());
    }

    @Override
    public Optional<List<Map<String, String>>> containerLabels(Map<String, String> labels) {
        List<String> wanted = labels.entrySet().stream().map(label -> label.getKey() + "=" + label.getValue()).toList();
        String filters;
        try {
            filters = JSON.writeValueAsString(Map.of("label", wanted));
        } catch (IOException e) {
            return Optional.empty();
        }
        return get("/containers/json?all=1&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8))
                .filter(JsonNode::isArray)
                .map(containers -> {
                    List<Map<String, String>> found = new ArrayList<>();
                    containers.forEach(container -> found.add(labelsOf(container)));
                    return found;
                });
    }

    /** The {@code Labels} object of an image's configuration or of a container; empty where it is null or missing. */
    private static Map<String, String> labelsOf(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("Labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return labels;
    }

    /** The JSON body of a 200 answer to {@code GET path}; empty for any other answer, a timeout or a failure. */
    private Optional<JsonNode> get(String path) {
        CompletableFuture<Optional<JsonNode>> answer = CompletableFuture.supplyAsync(() -> exchange(path));
        try {
            return answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            answer.cancel(true);
            return Optional.empty();
        }
    }

    private Optional<JsonNode> exchange(String path) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "GET " + path + " HTTP/1.0\r\nHost: docker\r\nAccept: application/json\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            byte[] answer = Channels.newInputStream(channel).readAllBytes();
            // ISO-8859-1 maps each byte to one char, so positions in the text are positions in the bytes
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return Optional.empty();
            }
            String[] status = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
            if (status.length < 2 || !status[1].equals("200")) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(answer, headEnd + 4, answer.length - headEnd - 4));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
