package io.github.kubemaven.engine.connect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The docker CLI's configuration directory ({@code DOCKER_CONFIG}, default {@code ~/.docker}) as far as engines go:
 * {@code config.json} names the current context; {@code contexts/meta/<id>/meta.json} holds a context's engine
 * address ({@code Endpoints.docker.Host}, {@code Endpoints.docker.SkipTLSVerify}) and {@code contexts/tls/<id>/docker/}
 * its TLS files, where {@code <id>} is the SHA-256 of the context's name in hex.
 */
public final class DockerContexts {

    /** The context that stands for DOCKER_HOST or the default socket; it has no files. */
    static final String DEFAULT_CONTEXT = "default";

    /**
     * A context's engine.
     *
     * @param name          the context's name
     * @param host          its address as written, empty for the default one
     * @param skipTlsVerify whether TLS goes unverified
     * @param tlsDirectory  the folder its ca.pem, cert.pem and key.pem would be in, whether or not it exists
     */
    record Context(String name, String host, boolean skipTlsVerify, Path tlsDirectory) {
    }

    /** Made on first use: most runs read no context, and the mapper takes a fifth of a second to set up. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private static final JsonFactory STREAMING = new JsonFactory();

    private final Path directory;

    DockerContexts(Path directory) {
        this.directory = directory;
    }

    /** DOCKER_CONFIG, or {@code .docker} in the user's home. */
    public static DockerContexts of(Map<String, String> environment, Path userHome) {
        String configured = environment.get("DOCKER_CONFIG");
        return new DockerContexts(configured == null || configured.isBlank() ? userHome.resolve(".docker")
                : Path.of(configured.strip()));
    }

    public Path directory() {
        return directory;
    }

    Path configFile() {
        return directory.resolve("config.json");
    }

    /** The context {@code config.json} names, if it exists and names one. */
    Optional<String> currentContext() {
        Path file = configFile();
        String current = null;
        try (JsonParser json = STREAMING.createParser(Files.readAllBytes(file))) {
            if (json.nextToken() == JsonToken.START_OBJECT) {
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    current = field.equals("currentContext") ? (value == JsonToken.VALUE_STRING ? json.getText() : null) : current;
                    json.skipChildren();
                }
            } else {
                json.skipChildren();
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new KubeBuildException("The docker configuration " + file + " cannot be read: " + firstLine(e),
                    Hints.DOCKER_SETTINGS, e);
        }
        return current == null || current.isBlank() ? Optional.empty() : Optional.of(current);
    }

    /**
     * The context named {@code name}, which is not {@link #DEFAULT_CONTEXT}; {@code origin} says where the name came
     * from, for messages.
     */
    Context read(String name, String origin) {
        String id = Hashing.sha256(name);
        Path meta = directory.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
        JsonNode root;
        try {
            root = Mapper.JSON.readTree(Files.readString(meta));
        } catch (NoSuchFileException e) {
            throw new KubeBuildException("The " + origin + " does not exist: there is no " + meta + ".",
                    Hints.DOCKER_CONTEXT);
        } catch (IOException e) {
            throw new KubeBuildException("The " + origin + " cannot be read from " + meta + ": " + firstLine(e),
                    Hints.DOCKER_CONTEXT, e);
        }
        JsonNode docker = root == null ? null : root.path("Endpoints").get("docker");
        if (docker == null || !docker.isObject()) {
            throw new KubeBuildException("The " + origin + " names no Docker engine: " + meta
                    + " has no Endpoints.docker.", Hints.DOCKER_CONTEXT);
        }
        return new Context(name, docker.path("Host").asText(""), docker.path("SkipTLSVerify").asBoolean(false),
                directory.resolve("contexts").resolve("tls").resolve(id).resolve("docker"));
    }

    private static String firstLine(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
