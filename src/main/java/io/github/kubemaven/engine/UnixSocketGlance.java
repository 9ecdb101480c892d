package io.github.kubemaven.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.kubemaven.config.ClusterAddress;
import io.github.kubemaven.engine.connect.EngineEndpoint;
import io.github.kubemaven.ground.Closing;

import java.io.IOException;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
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
 * by hand; HTTP/1.0 keeps the answer free of chunked encoding. The answers are read with Jackson's streaming parser:
 * its object mapper alone takes a fifth of a second to set up in a new JVM.
 */
public final class UnixSocketGlance implements EngineGlance {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    private static final JsonFactory JSON = new JsonFactory();
    static final String THREAD_NAME = "engine-glance";

    private final Path socket;
    private final String endpoint;

    UnixSocketGlance(Path socket, String endpoint) {
        this.socket = socket;
        this.endpoint = endpoint;
    }

    /** A glance at the engine {@code dockerHost} (kube.dockerHost, or null) leads to, when that is a unix socket. */
    public static Optional<EngineGlance> at(String dockerHost) {
        if (ClusterAddress.names(dockerHost)) {
            return Optional.empty();
        }
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
        return get("/images/" + path + "/json", UnixSocketGlance::readImage).filter(image -> !image.id().isEmpty());
    }

    @Override
    public Optional<List<Map<String, String>>> containerLabels(Map<String, String> labels) {
        StringWriter filters = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(filters)) {
            json.writeStartObject();
            json.writeArrayFieldStart("label");
            for (Map.Entry<String, String> label : labels.entrySet()) {
                json.writeString(label.getKey() + "=" + label.getValue());
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            return Optional.empty();
        }
        return get("/containers/json?all=1&filters=" + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8),
                UnixSocketGlance::readContainers);
    }

    /** An image's inspection: its {@code Id} and the {@code Labels} of its {@code Config}. */
    private static ImageInfo readImage(JsonParser json) throws IOException {
        expect(json.nextToken(), JsonToken.START_OBJECT);
        String id = "";
        Map<String, String> labels = Map.of();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("Id") && value == JsonToken.VALUE_STRING) {
                id = json.getText();
            } else if (field.equals("Config") && value == JsonToken.START_OBJECT) {
                labels = labelsIn(json);
            } else {
                json.skipChildren();
            }
        }
        return new ImageInfo(id, labels);
    }

    /** The list of containers: each one's {@code Labels}. */
    private static List<Map<String, String>> readContainers(JsonParser json) throws IOException {
        expect(json.nextToken(), JsonToken.START_ARRAY);
        List<Map<String, String>> found = new ArrayList<>();
        JsonToken next;
        while ((next = json.nextToken()) == JsonToken.START_OBJECT) {
            found.add(labelsIn(json));
        }
        expect(next, JsonToken.END_ARRAY);
        return found;
    }

    /**
     * The {@code Labels} of the object whose start {@code json} has just read, read up to and with its end; empty where
     * it is null or missing.
     */
    private static Map<String, String> labelsIn(JsonParser json) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("Labels") && value == JsonToken.START_OBJECT) {
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    json.nextToken();
                    labels.put(name, json.getValueAsString(""));
                    json.skipChildren();
                }
            } else {
                json.skipChildren();
            }
        }
        return labels;
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + wanted + ", found " + actual);
        }
    }

    /** How an answer's body is read. */
    private interface BodyReader<T> {
        T read(JsonParser json) throws IOException;
    }

    /**
     * The body of a 200 answer to {@code GET path} as {@code reader} reads it; empty for any other answer, a timeout or
     * a failure. The exchange has a thread of its own, as the common pool may be busy walking the tree; a timeout
     * closes its socket, which ends it.
     */
    private <T> Optional<T> get(String path, BodyReader<T> reader) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        CompletableFuture<Optional<T>> answer = CompletableFuture.supplyAsync(() -> exchange(channel, path, reader), UnixSocketGlance::startDaemon);
        try {
            return answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } finally {
            Closing.quietly(channel);
        }
    }

    private static void startDaemon(Runnable exchange) {
        Thread thread = new Thread(exchange, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private <T> Optional<T> exchange(SocketChannel channel, String path, BodyReader<T> reader) {
        try (channel) {
            channel.connect(UnixDomainSocketAddress.of(socket));
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
            try (JsonParser json = JSON.createParser(answer, headEnd + 4, answer.length - headEnd - 4)) {
                return Optional.of(reader.read(json));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
