package io.github.kubemaven.engine;

import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.ground.OutputSink;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory engine for unit tests: images, containers and volumes kept in maps, every operation recorded in
 * order as {@code "<operation> <name>"} (for example {@code "create kube-build-…"}, {@code "run …"},
 * {@code "remove …"}). Tests script exit codes per container role and make any operation fail.
 */
public class FakeDockerEngine implements DockerEngine {

    /** The label that names a container's role; the same the build gives its containers. */
    private static final String ROLE_LABEL = "io.github.kubemaven.role";

    public final Map<String, ImageInfo> images = new LinkedHashMap<>();
    public final List<String> pulled = new ArrayList<>();
    public final List<RegistryCredentials> pullCredentials = new ArrayList<>();
    public final List<String> built = new ArrayList<>();
    public final List<Map<String, String>> buildArguments = new ArrayList<>();
    public boolean pullFails;
    /**
     * The registry's images by reference when the test stands for one: a pull finds only these ("manifest unknown"
     * otherwise), a push adds to them; null: every pull succeeds.
     */
    public Map<String, ImageInfo> registry;
    public final List<String> pushed = new ArrayList<>();
    /** Whether the registry refuses the login of every pull and push. */
    public boolean registryRefuses;
    public final List<RegistryCredentials> pushCredentials = new ArrayList<>();

    /** Every container and volume operation, in order. */
    public final List<String> operations = new CopyOnWriteArrayList<>();
    /** Containers by id. */
    public final Map<String, FakeContainer> containers = new LinkedHashMap<>();
    /** Volumes with their labels. */
    public final Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
    /** The exit code a container of a role ends with when run; 0 when not set. */
    public final Map<String, Integer> exitCodes = new LinkedHashMap<>();
    /** What a container of a role prints when run. */
    public final Map<String, String> outputs = new LinkedHashMap<>();
    /** The exit code a container of one name ends with, before that of its role. */
    public final Map<String, Integer> exitCodesByName = new LinkedHashMap<>();
    /** What a container of one name prints, before what its role prints. */
    public final Map<String, String> outputsByName = new LinkedHashMap<>();
    /** Operations ({@code "create rsync"}: operation and role) that fail with an engine error. */
    public final Set<String> failing = new LinkedHashSet<>();
    private int nextId;
    /** How this engine's container IDs begin; engines that stand for different machines give different ones. */
    private final String idPrefix;

    public FakeDockerEngine() {
        this("c");
    }

    public FakeDockerEngine(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** A container as the fake keeps it. */
    public static final class FakeContainer {
        public final String id;
        public final ContainerSpec spec;
        public boolean running;
        public Integer exitCode;
        public final List<byte[]> copied = new ArrayList<>();

        FakeContainer(String id, ContainerSpec spec) {
            this.id = id;
            this.spec = spec;
        }

        public String role() {
            return spec.labels().getOrDefault(ROLE_LABEL, "");
        }

        ContainerState state() {
            return new ContainerState(id, spec.name(), running, exitCode == null ? 0 : exitCode, spec.image(), spec.labels());
        }
    }

    /** Adds a container as an earlier run left it. */
    public FakeContainer existing(ContainerSpec spec, boolean running, int exitCode) {
        FakeContainer container = new FakeContainer(idPrefix + (++nextId), spec);
        container.running = running;
        container.exitCode = running ? null : exitCode;
        containers.put(container.id, container);
        return container;
    }

    /** Every spec a container of this name was created from, removed ones included, in order. */
    public final Map<String, List<ContainerSpec>> created = new LinkedHashMap<>();

    public List<ContainerSpec> specs(String name) {
        return created.getOrDefault(name, List.of());
    }

    /** The archives copied into the container of this name that is still there, in order. */
    public synchronized List<byte[]> copiedInto(String name) {
        return containers.values().stream().filter(container -> container.spec.name().equals(name))
                .flatMap(container -> container.copied.stream()).toList();
    }

    /** The containers still there, by name. */
    public List<String> containerNames() {
        return containers.values().stream().map(container -> container.spec.name()).toList();
    }

    /** What {@link #copiesIntoVolumes()} answers: Docker's behaviour unless a test sets Podman's. */
    public boolean copiesIntoVolumes = true;

    @Override
    public boolean copiesIntoVolumes() {
        return copiesIntoVolumes;
    }

    @Override
    public String serverVersion() {
        return "fake";
    }

    @Override
    public String endpoint() {
        return "fake://";
    }

    /** Whether the fake engine counts as one on this machine (bind mounts allowed). */
    public boolean onThisMachine = true;
    public boolean rootless;
    public boolean receivesCredentials = true;

    @Override
    public boolean receivesCredentials() {
        return receivesCredentials;
    }

    @Override
    public boolean onThisMachine() {
        return onThisMachine;
    }

    @Override
    public boolean rootless() {
        return rootless;
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        return Optional.ofNullable(images.get(reference));
    }

    @Override
    public void pullImage(String reference, RegistryCredentials credentials, Consumer<String> progress) {
        pulled.add(reference);
        pullCredentials.add(credentials);
        if (pullFails) {
            throw new IllegalStateException("Get https://registry/v2/: dial tcp: lookup registry: no such host");
        }
        if (registryRefuses) {
            throw new IllegalStateException("Status 500: {\"message\":\"unauthorized: authentication required\"}");
        }
        if (registry != null && !registry.containsKey(reference)) {
            throw new IllegalStateException("manifest for " + reference + " not found: manifest unknown: manifest unknown");
        }
        progress.accept("Pull complete");
        images.put(reference, registry != null ? registry.get(reference) : new ImageInfo("sha256:pulled", Map.of()));
    }

    @Override
    public void pushImage(String reference, RegistryCredentials credentials, Consumer<String> progress) {
        pushed.add(reference);
        pushCredentials.add(credentials);
        if (registryRefuses) {
            throw new IllegalStateException("Status 500: {\"message\":\"unauthorized: authentication required\"}");
        }
        progress.accept("Pushed");
        registry.put(reference, images.get(reference));
    }

    @Override
    public String buildImage(Path contextDir, String tag, Map<String, String> arguments, Map<String, String> labels,
                             Consumer<String> progress) {
        built.add(tag);
        buildArguments.add(arguments);
        images.put(tag, new ImageInfo("sha256:built" + built.size(), labels));
        return "sha256:built" + built.size();
    }

    /** What {@link #buildImage(ImageBuild, Consumer)} was asked to build, in order. */
    public final List<ImageBuild> imageBuilds = new ArrayList<>();

    @Override
    public String buildImage(ImageBuild build, Consumer<String> progress) {
        imageBuilds.add(build);
        String id = "sha256:built" + (built.size() + imageBuilds.size());
        build.tags().forEach(tag -> images.put(tag, new ImageInfo(id, build.labels())));
        return id;
    }

    @Override
    public void saveImages(List<String> references, OutputStream archive) {
        operations.add("saveImages " + String.join(" ", references));
        try {
            archive.write(("saved " + String.join(" ", references) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void tagImage(String source, String target) {
        operations.add("tagImage " + source + " " + target);
        ImageInfo image = images.containsKey(source) ? images.get(source)
                : images.values().stream().filter(known -> known.id().equals(source)).findFirst().orElse(null);
        images.put(target, image);
    }

    @Override
    public void removeImage(String reference) {
        operations.add("removeImage " + reference);
        images.remove(reference);
    }

    @Override
    public List<String> listImages(Map<String, String> labels) {
        return images.entrySet().stream().filter(image -> image.getValue().labels().entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized Optional<ContainerState> inspectContainer(String name) {
        return find(name).map(FakeContainer::state);
    }

    @Override
    public synchronized List<ContainerState> listContainers(Map<String, String> labels) {
        return containers.values().stream().filter(container -> container.spec.labels().entrySet().containsAll(labels.entrySet()))
                .map(FakeContainer::state).toList();
    }

    @Override
    public synchronized String createContainer(ContainerSpec spec) {
        FakeContainer container = new FakeContainer(idPrefix + (++nextId), spec);
        fail("create", container);
        if (containers.values().stream().anyMatch(other -> other.spec.name().equals(spec.name()))) {
            throw new IllegalStateException("Conflict. The container name \"/" + spec.name() + "\" is already in use");
        }
        operations.add("create " + spec.name());
        containers.put(container.id, container);
        created.computeIfAbsent(spec.name(), name -> new ArrayList<>()).add(spec);
        return container.id;
    }

    @Override
    public synchronized void startContainer(String id) {
        FakeContainer container = require(id);
        fail("start", container);
        operations.add("start " + container.spec.name());
        container.running = true;
    }

    @Override
    public synchronized void copyToContainer(String id, byte[] tarArchive) {
        FakeContainer container = require(id);
        fail("copy", container);
        operations.add("copy " + container.spec.name());
        container.copied.add(tarArchive);
    }

    @Override
    public synchronized void resizeTerminal(String id, int rows, int columns) {
        operations.add("resize " + id + " " + rows + "x" + columns);
    }

    @Override
    public int runAttached(String id, InputStream stdin, OutputSink output) {
        FakeContainer container;
        synchronized (this) {
            container = require(id);
            fail("run", container);
            operations.add("run " + container.spec.name());
            container.running = true;
        }
        byte[] printed = outputsByName.getOrDefault(container.spec.name(), outputs.getOrDefault(container.role(), ""))
                .getBytes(StandardCharsets.UTF_8);
        output.write(printed, 0, printed.length);
        synchronized (this) {
            container.running = false;
            container.exitCode = exitCodesByName.getOrDefault(container.spec.name(), exitCodes.getOrDefault(container.role(), 0));
            return container.exitCode;
        }
    }

    /** Commands run with {@link #exec}, as "role: command". */
    public final List<String> execs = new CopyOnWriteArrayList<>();

    @Override
    public int exec(String id, List<String> command, InputStream stdin, OutputStream stdout, Consumer<String> stderr) {
        FakeContainer container;
        synchronized (this) {
            container = require(id);
            fail("exec", container);
            if (!container.running) {
                throw new IllegalStateException("Container " + id + " is not running");
            }
        }
        execs.add(container.role() + ": " + String.join(" ", command));
        return 0;
    }

    @Override
    public synchronized void removeContainer(String name) {
        Optional<FakeContainer> container = find(name);
        if (container.isPresent()) {
            fail("remove", container.get());
            operations.add("remove " + container.get().spec.name());
            containers.remove(container.get().id);
        }
    }

    @Override
    public synchronized Optional<Integer> publishedPort(String container, int containerPort) {
        return find(container).filter(found -> found.spec.publishedPort() != null).map(found -> 40000 + Integer.parseInt(found.id.substring(idPrefix.length())));
    }

    @Override
    public synchronized void createVolume(String name, Map<String, String> labels) {
        operations.add("createVolume " + name);
        volumes.put(name, Map.copyOf(labels));
    }

    /** The mount options of each volume made with some. */
    public final Map<String, Map<String, String>> volumeMounts = new LinkedHashMap<>();

    /** Whether {@link #mountsOverlayVolumes} says yes. */
    public boolean overlayVolumes;

    @Override
    public synchronized void createVolume(String name, Map<String, String> labels, Map<String, String> mountOptions) {
        createVolume(name, labels);
        volumeMounts.put(name, Map.copyOf(mountOptions));
    }

    @Override
    public boolean mountsOverlayVolumes() {
        return overlayVolumes;
    }

    /** The volumes a running container mounts, as {@link #anyVolumeInUse} sees them. */
    public final Set<String> volumesInUse = new LinkedHashSet<>();

    @Override
    public synchronized Map<String, String> volumeLabels(String name) {
        return volumes.getOrDefault(name, Map.of());
    }

    @Override
    public synchronized boolean anyVolumeInUse(Collection<String> names) {
        return names.stream().anyMatch(volumesInUse::contains);
    }

    @Override
    public synchronized Optional<String> volumeFolder(String name) {
        return volumes.containsKey(name) ? Optional.of("/var/lib/docker/volumes/" + name + "/_data") : Optional.empty();
    }

    @Override
    public synchronized List<String> listVolumes(Map<String, String> labels) {
        return volumes.entrySet().stream().filter(volume -> volume.getValue().entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized void removeVolume(String name) {
        if (volumes.remove(name) != null) {
            operations.add("removeVolume " + name);
        }
    }

    @Override
    public void close() {
    }

    private Optional<FakeContainer> find(String nameOrId) {
        return containers.values().stream().filter(container -> container.id.equals(nameOrId) || container.spec.name().equals(nameOrId)).findFirst();
    }

    private FakeContainer require(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No such container: " + id));
    }

    /** Operations ("run data") that fail once, each with its message, as an engine's refusal would. */
    public final Map<String, String> failingOnce = new LinkedHashMap<>();

    /** What happens on the engine just before an operation of {@link #failingOnce} fails. */
    public Runnable beforeFailing = () -> { };

    private void fail(String operation, FakeContainer container) {
        String refusal = failingOnce.remove(operation + " " + container.role());
        if (refusal != null) {
            beforeFailing.run();
            throw new IllegalStateException(refusal);
        }
        if (failing.contains(operation + " " + container.role())) {
            throw new IllegalStateException("fake engine: " + operation + " of the " + container.role() + " container failed");
        }
    }
}
