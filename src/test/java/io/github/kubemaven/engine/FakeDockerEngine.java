package io.github.kubemaven.engine;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** An in-memory engine for unit tests of image logic: images only, with pull and build recorded. */
public final class FakeDockerEngine implements DockerEngine {

    public final Map<String, ImageInfo> images = new LinkedHashMap<>();
    public final List<String> pulled = new ArrayList<>();
    public final List<String> built = new ArrayList<>();
    public final List<Map<String, String>> buildArguments = new ArrayList<>();
    public boolean pullFails;

    @Override
    public String serverVersion() {
        return "fake";
    }

    @Override
    public String endpoint() {
        return "fake://";
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        return Optional.ofNullable(images.get(reference));
    }

    @Override
    public void pullImage(String reference, Consumer<String> progress) {
        pulled.add(reference);
        if (pullFails) {
            throw new IllegalStateException("Get https://registry/v2/: dial tcp: lookup registry: no such host");
        }
        progress.accept("Pull complete");
        images.put(reference, new ImageInfo("sha256:pulled", Map.of()));
    }

    @Override
    public String buildImage(Path contextDir, String tag, Map<String, String> arguments, Map<String, String> labels,
                             Consumer<String> progress) {
        built.add(tag);
        buildArguments.add(arguments);
        images.put(tag, new ImageInfo("sha256:built" + built.size(), labels));
        return "sha256:built" + built.size();
    }

    @Override
    public void removeImage(String reference) {
        images.remove(reference);
    }

    @Override
    public List<String> listImages(Map<String, String> labels) {
        return List.of();
    }

    @Override
    public Optional<ContainerState> inspectContainer(String name) {
        return Optional.empty();
    }

    @Override
    public List<ContainerState> listContainers(Map<String, String> labels) {
        return List.of();
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void startContainer(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void copyToContainer(String id, byte[] tarArchive) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int runAttached(String id, InputStream stdin, OutputSink output) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeContainer(String name) {
    }

    @Override
    public Optional<Integer> publishedPort(String container, int containerPort) {
        return Optional.empty();
    }

    @Override
    public Optional<String> containerAddress(String container) {
        return Optional.empty();
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
    }

    @Override
    public List<String> listVolumes(Map<String, String> labels) {
        return List.of();
    }

    @Override
    public void removeVolume(String name) {
    }

    @Override
    public void close() {
    }
}
