package io.github.kubemaven.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.SaveImagesCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.api.model.VolumesFrom;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.engine.connect.DockerContexts;
import io.github.kubemaven.engine.connect.EngineEndpoint;
import io.github.kubemaven.engine.connect.EngineRoute;
import io.github.kubemaven.engine.connect.EngineUnavailableException;
import io.github.kubemaven.ground.Closing;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LineSplitter;
import io.github.kubemaven.ground.OutputSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link DockerEngine} over docker-java with the shaded zero-dependency transport. The API version is
 * whatever the engine speaks: none is pinned.
 */
public final class DockerJavaEngine implements DockerEngine {

    /**
     * docker-java and its HTTP transport copy whole requests into a debug log ({@code mvn -X}): commands with their
     * environment, build arguments, request bodies. That would show proxy passwords and the rsync daemon's password
     * of the run, so their debug output stays off; the plugin logs what it does itself, with secrets redacted.
     * Set for the SLF4J simple logger Maven uses, which reads a logger's level from system properties when the
     * logger is made.
     */
    /** For streams and waits of any length: no response timeout. */
    private final DockerClient client;
    /** For calls that answer at once: a silent engine fails them within {@link DockerEngine#ANSWER_TIMEOUT}. */
    private final DockerClient quick;
    private final String endpoint;
    private final boolean onThisMachine;
    private final boolean receivesCredentials;
    private final EngineRoute route;
    private volatile Boolean podman;
    private volatile boolean rootless;
    /** Whether a Podman engine runs rootless, asked only when it matters: Podman's info call takes a second. */
    private volatile Boolean podmanRootless;

    private DockerJavaEngine(DockerClient client, DockerClient quick, EngineEndpoint endpoint, EngineRoute route) {
        this.client = client;
        this.quick = quick;
        this.endpoint = endpoint.describe();
        this.onThisMachine = endpoint.onThisMachine();
        this.receivesCredentials = endpoint.receivesCredentials();
        this.route = route;
    }

    /**
     * Connects to the engine {@link EngineEndpoint#resolve} chooses: {@code dockerHost} (kube.dockerHost) when set, else
     * DOCKER_HOST, the docker context or the default socket, as the docker CLI does. An ssh engine, or TLS without
     * verification, is reached through a private local socket that {@link #close()} closes. {@link #endpoint()} names
     * the engine and how it was chosen.
     */
    public static DockerEngine connect(String dockerHost) {
        return connect(dockerHost, null);
    }

    /** {@link #connect(String)}, saying in {@link #endpoint()} that {@code origin} named the engine when it is not null. */
    public static DockerEngine connect(String dockerHost, String origin) {
        Map<String, String> environment = System.getenv();
        Path home = Path.of(System.getProperty("user.home"));
        EngineEndpoint resolved = EngineEndpoint.resolve(dockerHost, environment, home);
        EngineEndpoint endpoint = origin == null ? resolved
                : new EngineEndpoint(resolved.host(), resolved.tlsDirectory(), resolved.tlsVerify(), origin);
        EngineRoute route = EngineRoute.open(endpoint);
        try {
            DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                    .withDockerHost(route.dockerHost())
                    .withDockerConfig(DockerContexts.of(environment, home).directory().toString())
                    .build();
            ZerodepDockerHttpClient http = httpClient(config, route).build();
            ZerodepDockerHttpClient quickHttp = httpClient(config, route).responseTimeout(ANSWER_TIMEOUT).build();
            return EngineGone.reporting(new DockerJavaEngine(DockerClientImpl.getInstance(config, http),
                    DockerClientImpl.getInstance(config, quickHttp), endpoint, route));
        } catch (RuntimeException e) {
            route.close();
            throw new KubeBuildException("The Docker settings are not usable: " + e.getMessage(), Hints.DOCKER_SETTINGS, e);
        }
    }

    private static ZerodepDockerHttpClient.Builder httpClient(DefaultDockerClientConfig config, EngineRoute route) {
        return new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(route.sslConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5));
    }

    @Override
    public String endpoint() {
        return endpoint;
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
    public boolean receivesCredentials() {
        return receivesCredentials;
    }

    @Override
    public String serverVersion() {
        try {
            var version = quick.versionCmd().exec();
            podman = isPodman(version);
            if (podman) {
                // Podman's ID is a new random one on every call, and its info call takes a second
                return "Podman " + version.getVersion() + " (API " + version.getApiVersion() + ")";
            }
            var info = quick.infoCmd().exec();
            rootless = info.getSecurityOptions() != null && info.getSecurityOptions().stream().anyMatch(option -> option.contains("name=rootless"));
            String id = info.getId();
            return version.getVersion() + " (API " + version.getApiVersion() + (id == null || id.isBlank() ? "" : ", ID " + id) + ")";
        } catch (RuntimeException e) {
            throw new EngineUnavailableException(endpoint, e);
        }
    }

    private static boolean isPodman(com.github.dockerjava.api.model.Version version) {
        return version.getComponents() != null
                && version.getComponents().stream().anyMatch(component -> String.valueOf(component.getName()).startsWith("Podman"));
    }

    @Override
    public boolean copiesIntoVolumes() {
        Boolean known = podman;
        if (known == null) {
            try {
                known = isPodman(quick.versionCmd().exec());
            } catch (RuntimeException e) {
                throw new EngineUnavailableException(endpoint, e);
            }
            podman = known;
        }
        return !known;
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        try {
            var image = quick.inspectImageCmd(reference).exec();
            Map<String, String> labels = image.getConfig() == null || image.getConfig().getLabels() == null
                    ? Map.of() : image.getConfig().getLabels();
            return Optional.of(new ImageInfo(image.getId(), labels));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void pullImage(String reference, RegistryCredentials credentials, Consumer<String> progress) {
        String repository = repositoryOf(reference);
        String tag = tagOf(reference);
        ProgressThrottle throttle = new ProgressThrottle(progress);
        try {
            var pull = client.pullImageCmd(repository).withTag(tag);
            sendLogin(pull::withAuthConfig, credentials, repository);
            pull.exec(new RegistryStream<PullResponseItem>(throttle)).awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while pulling " + reference, null, e);
        }
        if (inspectImage(reference).isEmpty()) {
            throw new DockerClientException("the engine did not get " + reference);
        }
    }

    @Override
    public void pushImage(String reference, RegistryCredentials credentials, Consumer<String> progress) {
        String repository = repositoryOf(reference);
        ProgressThrottle throttle = new ProgressThrottle(progress);
        try {
            var push = client.pushImageCmd(repository).withTag(tagOf(reference));
            sendLogin(push::withAuthConfig, credentials, repository);
            push.exec(new RegistryStream<PushResponseItem>(throttle)).awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while pushing " + reference, null, e);
        }
    }

    /**
     * Gives a pull or push its login: {@code credentials} where the engine may receive them, and on an engine that must
     * not, none at all, in place of the docker configuration's login that the client would otherwise send.
     */
    private void sendLogin(Consumer<AuthConfig> command, RegistryCredentials credentials, String repository) {
        if (!receivesCredentials) {
            command.accept(null);
        } else if (credentials != null) {
            command.accept(new AuthConfig().withUsername(credentials.username()).withPassword(credentials.password())
                    .withRegistryAddress(registryOf(repository)));
        }
    }

    /** The repository part of {@code repository:tag}. */
    static String repositoryOf(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
    }

    /** The tag part of {@code repository:tag}; {@code latest} when it names none. */
    static String tagOf(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : "latest";
    }

    /** The registry host of an image repository, as the docker CLI reads it: Docker Hub when the first part names no host. */
    static String registryOf(String repository) {
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? first : "https://index.docker.io/v1/";
    }

    @Override
    public String buildImage(Path contextDir, String tag, Map<String, String> buildArguments, Map<String, String> labels,
                             Consumer<String> progress) {
        BuildImageCmd command = client.buildImageCmd(contextDir.toFile())
                .withTags(Set.of(tag))
                .withPull(false)
                .withRemove(true)
                .withForcerm(true)
                .withLabels(labels);
        buildArguments.forEach(command::withBuildArg);
        withoutLogins(command, receivesCredentials);
        return awaitBuilt(command, progress);
    }

    @Override
    public String buildImage(ImageBuild build, Consumer<String> progress) {
        BuildSteps steps = new BuildSteps();
        String id = null;
        try (InputStream context = Files.newInputStream(build.contextArchive())) {
            BuildImageCmd command = client.buildImageCmd(context)
                    .withDockerfilePath(build.dockerfile())
                    .withTags(new LinkedHashSet<>(build.tags()))
                    .withPull(build.pull())
                    .withNoCache(true)
                    .withRemove(true)
                    .withForcerm(true);
            if (!build.labels().isEmpty()) {
                command.withLabels(build.labels());
            }
            if (build.target() != null) {
                command.withTarget(build.target());
            }
            build.buildArguments().forEach(command::withBuildArg);
            withoutLogins(command, receivesCredentials);
            id = awaitBuilt(command, steps.andThen(progress));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            removeStepImages(steps.madeImages(), id);
        }
    }

    /**
     * Removes the images a build's steps made, but the one it built ({@code built}, null when it failed) and those that
     * image stands on, which go when it goes: the engine refuses to remove an image with children, and removing the
     * last image of a stage takes the untagged images below it along.
     */
    private void removeStepImages(List<String> made, String built) {
        List<String> leftOver = new ArrayList<>(made);
        java.util.Collections.reverse(leftOver);
        for (String image : leftOver) {
            if (built != null && BuildSteps.sameImage(image, built)) {
                continue;
            }
            try {
                quick.removeImageCmd(image).withForce(false).exec();
            } catch (NotFoundException | ConflictException ignored) {
                // taken along with a later stage's image, or a layer of the built image
            }
        }
    }

    private String awaitBuilt(BuildImageCmd command, Consumer<String> progress) {
        LineSplitter lines = new LineSplitter(line -> {
            String shown = line.stripTrailing();
            if (!shown.isEmpty()) {
                progress.accept(shown);
            }
        }, 0);
        return command.exec(new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    byte[] text = item.getStream().getBytes(StandardCharsets.UTF_8);
                    lines.write(text, 0, text.length);
                }
                super.onNext(item);
            }
        }).awaitImageId();
    }

    @Override
    public void saveImages(List<String> references, OutputStream archive) {
        SaveImagesCmd save = client.saveImagesCmd();
        for (String reference : new LinkedHashSet<>(references)) {
            save.withImage(repositoryOf(reference), tagOf(reference));
        }
        try (InputStream saved = save.exec()) {
            saved.transferTo(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void tagImage(String source, String target) {
        quick.tagImageCmd(source, repositoryOf(target), tagOf(target)).withForce(true).exec();
    }

    /**
     * Keeps docker-java from sending every login of the docker configuration with an image build to an engine that
     * must not receive them: an empty set of logins takes their place.
     */
    static BuildImageCmd withoutLogins(BuildImageCmd command, boolean receivesCredentials) {
        return receivesCredentials ? command : command.withBuildAuthConfigs(new AuthConfigurations());
    }

    @Override
    public void removeImage(String reference) {
        try {
            quick.removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException ignored) {
            // already gone
        }
    }

    @Override
    public List<String> listImages(Map<String, String> labels) {
        List<String> references = new ArrayList<>();
        for (Image image : quick.listImagesCmd().withLabelFilter(labels).exec()) {
            boolean tagged = false;
            if (image.getRepoTags() != null) {
                for (String repoTag : image.getRepoTags()) {
                    if (!repoTag.startsWith("<none>")) {
                        references.add(familiar(repoTag));
                        tagged = true;
                    }
                }
            }
            if (!tagged) {
                references.add(image.getId());
            }
        }
        return references;
    }

    @Override
    public Optional<ContainerState> inspectContainer(String name) {
        try {
            InspectContainerResponse response = quick.inspectContainerCmd(name).exec();
            var state = response.getState();
            Long exitCode = state.getExitCodeLong();
            return Optional.of(new ContainerState(response.getId(), stripSlash(response.getName()),
                    Boolean.TRUE.equals(state.getRunning()), exitCode == null ? -1 : exitCode,
                    response.getConfig().getImage(),
                    response.getConfig().getLabels() == null ? Map.of() : response.getConfig().getLabels()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ContainerState> listContainers(Map<String, String> labels) {
        List<ContainerState> states = new ArrayList<>();
        for (Container container : quick.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            String name = container.getNames() == null || container.getNames().length == 0
                    ? container.getId() : stripSlash(container.getNames()[0]);
            states.add(new ContainerState(container.getId(), name, "running".equals(container.getState()), exitCodeIn(container.getStatus()),
                    container.getImage(), container.getLabels() == null ? Map.of() : container.getLabels()));
        }
        return states;
    }

    private static final java.util.regex.Pattern EXITED = java.util.regex.Pattern.compile("^Exited \\((-?\\d+)\\)");

    /** The exit code a listing's status ("Exited (0) 5 minutes ago") gives, or -1 when it gives none. */
    static long exitCodeIn(String status) {
        java.util.regex.Matcher matcher = EXITED.matcher(status == null ? "" : status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        HostConfig hostConfig = HostConfig.newHostConfig();
        if (spec.nanoCpus() != null) {
            hostConfig.withNanoCPUs(spec.nanoCpus());
        }
        if (spec.memoryBytes() != null) {
            hostConfig.withMemory(spec.memoryBytes()).withMemorySwap(spec.memoryBytes());
        }
        if (!spec.volumesFrom().isEmpty()) {
            hostConfig.withVolumesFrom(spec.volumesFrom().stream().map(VolumesFrom::new).toArray(VolumesFrom[]::new));
        }
        List<Bind> binds = new ArrayList<>();
        spec.volumeMounts().forEach((volume, path) -> binds.add(new Bind(volume, new Volume(path),
                spec.readOnlyPaths().contains(path) ? AccessMode.ro : AccessMode.rw)));
        spec.bindMounts().forEach((host, path) -> binds.add(new Bind(host, new Volume(path))));
        if (!binds.isEmpty()) {
            hostConfig.withBinds(binds);
        }
        CreateContainerCmd command = quick.createContainerCmd(spec.image())
                .withName(spec.name())
                .withEnv(spec.environment())
                .withLabels(spec.labels())
                .withTty(spec.tty())
                .withStdinOpen(spec.stdin())
                .withAttachStdin(spec.stdin())
                .withStdInOnce(spec.stdin())
                .withAttachStdout(true)
                .withAttachStderr(true);
        if (spec.publishedPort() != null) {
            ExposedPort exposed = ExposedPort.tcp(spec.publishedPort());
            Ports.Binding binding = spec.publishHostPort() == null
                    ? Ports.Binding.bindIp(spec.publishHostIp())
                    : Ports.Binding.bindIpAndPort(spec.publishHostIp(), spec.publishHostPort());
            hostConfig.withPortBindings(new PortBinding(binding, exposed));
            command.withExposedPorts(exposed);
        }
        if (spec.leased()) {
            hostConfig.withInit(true);
        }
        command.withHostConfig(hostConfig);
        if (spec.user() != null) {
            command.withUser(spec.user());
        }
        if (spec.hostname() != null) {
            command.withHostName(spec.hostname());
        }
        if (!spec.command().isEmpty()) {
            command.withCmd(spec.command());
        }
        try {
            return command.exec().getId();
        } catch (RuntimeException e) {
            if (spec.leased() && e.getMessage() != null && e.getMessage().contains("container-init binary not found")) {
                throw new KubeBuildException("The engine at " + endpoint + " has no init process for containers: "
                        + e.getMessage().strip(), Hints.CONTAINER_INIT, e);
            }
            throw e;
        }
    }

    @Override
    public void startContainer(String id) {
        quick.startContainerCmd(id).exec();
    }

    @Override
    public void copyToContainer(String id, byte[] tarArchive) {
        quick.copyArchiveToContainerCmd(id)
                .withTarInputStream(new java.io.ByteArrayInputStream(tarArchive))
                .withRemotePath("/")
                .exec();
    }

    @Override
    public int runAttached(String id, InputStream stdin, OutputSink output) {
        return runAttached(id, stdin, output, () -> { });
    }

    @Override
    public void resizeTerminal(String id, int rows, int columns) {
        try {
            quick.resizeContainerCmd(id).withSize(rows, columns).exec();
        } catch (NotFoundException gone) {
            // ended meanwhile
        }
    }

    @Override
    public int runAttached(String id, InputStream stdin, OutputSink output, Runnable started) {
        var attach = client.attachContainerCmd(id)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withLogs(true);
        if (stdin != null) {
            attach.withStdIn(stdin);
        }
        WatchedStream<Frame> frames = attach.exec(new WatchedStream<>() {
            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame.getPayload();
                if (payload != null) {
                    output.write(payload, 0, payload.length);
                }
            }
        });
        ExitStatus wait = null;
        try {
            // Podman prepares a container when it is attached to, so one that cannot run fails the attach itself,
            // which then never starts
            while (!frames.awaitStarted(200, TimeUnit.MILLISECONDS)) {
                if (frames.awaitEnd(Duration.ZERO)) {
                    frames.rethrowFailure();
                    break;
                }
            }
            quick.startContainerCmd(id).exec();
            started.run();
            wait = client.waitContainerCmd(id).exec(new ExitStatus());
            awaitAnswering(wait);
            frames.awaitCompletion(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            return wait.status();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while waiting for container " + id, null, e);
        } finally {
            Closing.quietly(frames);
            Closing.quietly(wait);
        }
    }

    /**
     * Waits for {@code stream} to end, asking the engine whether it still answers every few seconds meanwhile: a long
     * wait on an engine that went silent (its host gone, its network cut) would otherwise never end.
     */
    private void awaitAnswering(WatchedStream<?> stream) throws InterruptedException {
        while (!stream.awaitEnd(HEARTBEAT)) {
            requireAnswering();
        }
        stream.rethrowFailure();
    }

    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    /** Fails with {@link EngineUnavailableException} unless the engine answers a ping within {@link #ANSWER_TIMEOUT}. */
    private void requireAnswering() {
        try {
            quick.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new KubeBuildException("The Docker engine at " + endpoint + " stopped answering during the run (no answer within "
                    + ANSWER_TIMEOUT.toSeconds() + " s); what this run started there stops by itself within "
                    + ContainerLease.TERM.toSeconds() + " s.", Hints.ENGINE_SILENT, e);
        }
    }

    @Override
    public int exec(String id, List<String> command, InputStream stdin, OutputStream stdout, Consumer<String> stderr) {
        String execId = quick.execCreateCmd(id)
                .withCmd(command.toArray(String[]::new))
                .withAttachStdin(stdin != null)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId();
        LineSplitter errorLines = new LineSplitter(stderr, 0);
        var start = client.execStartCmd(execId);
        if (stdin != null) {
            start.withStdIn(stdin);
        }
        WatchedStream<Frame> frames = start.exec(new WatchedStream<>() {
            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame.getPayload();
                if (payload == null) {
                    return;
                }
                if (frame.getStreamType() == StreamType.STDERR) {
                    errorLines.write(payload, 0, payload.length);
                    return;
                }
                try {
                    stdout.write(payload);
                    stdout.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try {
            awaitAnswering(frames);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while waiting for a command in container " + id, null, e);
        } finally {
            Closing.quietly(frames);
        }
        errorLines.flush();
        Long exitCode = quick.inspectExecCmd(execId).exec().getExitCodeLong();
        return exitCode == null ? -1 : exitCode.intValue();
    }

    @Override
    public void removeContainer(String name) {
        try {
            quick.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException ignored) {
            // already gone
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("is already in progress")) {
                throw e;
            }
            awaitGone(name);
        }
    }

    /**
     * Waits while another caller's removal of the container goes on, so that a removal returns once the container is
     * gone whoever started it: a run that ends right after it leaves nothing running.
     */
    private void awaitGone(String name) {
        long deadline = System.nanoTime() + REMOVAL_IN_PROGRESS_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                quick.inspectContainerCmd(name).exec();
                Thread.sleep(50);
            } catch (NotFoundException gone) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final Duration REMOVAL_IN_PROGRESS_WAIT = Duration.ofSeconds(20);

    @Override
    public Optional<Integer> publishedPort(String container, int containerPort) {
        InspectContainerResponse response = quick.inspectContainerCmd(container).exec();
        Map<ExposedPort, Ports.Binding[]> bindings = response.getNetworkSettings().getPorts().getBindings();
        Ports.Binding[] hostBindings = bindings.get(ExposedPort.tcp(containerPort));
        if (hostBindings == null) {
            return Optional.empty();
        }
        for (Ports.Binding binding : hostBindings) {
            if (binding.getHostPortSpec() != null && !binding.getHostPortSpec().isEmpty()) {
                return Optional.of(Integer.parseInt(binding.getHostPortSpec()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        quick.createVolumeCmd().withName(name).withLabels(labels).exec();
    }

    @Override
    public void createVolume(String name, Map<String, String> labels, Map<String, String> mountOptions) {
        quick.createVolumeCmd().withName(name).withLabels(labels).withDriver("local").withDriverOpts(mountOptions).exec();
    }

    @Override
    public boolean mountsOverlayVolumes() {
        if (!Boolean.TRUE.equals(podman)) {
            return !rootless;
        }
        if (podmanRootless == null) {
            try {
                var options = quick.infoCmd().exec().getSecurityOptions();
                podmanRootless = options == null || options.stream().anyMatch(option -> option.contains("rootless"));
            } catch (DockerException e) {
                return false;
            }
        }
        return !podmanRootless;
    }

    @Override
    public Map<String, String> volumeLabels(String name) {
        try {
            Map<String, String> labels = quick.inspectVolumeCmd(name).exec().getLabels();
            return labels == null ? Map.of() : labels;
        } catch (NotFoundException e) {
            return Map.of();
        }
    }

    @Override
    public boolean anyVolumeInUse(Collection<String> names) {
        try {
            return !names.isEmpty() && !quick.listContainersCmd().withShowAll(false).withVolumeFilter(List.copyOf(names)).exec().isEmpty();
        } catch (DockerException e) {
            return true;
        }
    }

    @Override
    public Optional<String> volumeFolder(String name) {
        try {
            return Optional.ofNullable(quick.inspectVolumeCmd(name).exec().getMountpoint()).filter(path -> !path.isBlank());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> listVolumes(Map<String, String> labels) {
        List<String> filters = new ArrayList<>();
        labels.forEach((key, value) -> filters.add(key + "=" + value));
        var response = quick.listVolumesCmd().withFilter("label", filters).exec();
        List<String> names = new ArrayList<>();
        if (response.getVolumes() != null) {
            for (InspectVolumeResponse volume : response.getVolumes()) {
                names.add(volume.getName());
            }
        }
        return names;
    }

    @Override
    public void removeVolume(String name) {
        try {
            quick.removeVolumeCmd(name).exec();
        } catch (NotFoundException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            Closing.quietly(client);
            Closing.quietly(quick);
        } finally {
            route.close();
        }
    }

    /**
     * A reference as Docker shows it: Podman's Docker API lists the images it built for a short name under
     * {@code docker.io/library/NAME:TAG}, where Docker lists {@code NAME:TAG}.
     */
    static String familiar(String reference) {
        if (reference.startsWith("docker.io/library/")) {
            return reference.substring("docker.io/library/".length());
        }
        return reference.startsWith("docker.io/") ? reference.substring("docker.io/".length()) : reference;
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    /**
     * A stream whose end can be awaited a slice at a time (docker-java's own timed wait closes the stream when its time
     * runs out), and whose failure reaches the caller alone instead of also being logged as an error by docker-java: a
     * lease renewal that meets a container being removed is no news.
     */
    private static class WatchedStream<T> extends ResultCallback.Adapter<T> {
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile Throwable failure;

        @Override
        public void onComplete() {
            super.onComplete();
            ended.countDown();
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
            ended.countDown();
            Closing.quietly(this);
        }

        boolean awaitEnd(Duration slice) throws InterruptedException {
            return ended.await(slice.toMillis(), TimeUnit.MILLISECONDS);
        }

        void rethrowFailure() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new DockerClientException(failure.getMessage(), failure);
            }
        }
    }

    /** A container's exit code, from the engine's wait stream. */
    private static final class ExitStatus extends WatchedStream<WaitResponse> {
        private volatile Integer status;

        @Override
        public void onNext(WaitResponse response) {
            status = response.getStatusCode();
        }

        int status() {
            return status == null ? -1 : status;
        }
    }

    /** Pull progress for each layer, at most one line per layer and status change or every five seconds. */
    private static final class ProgressThrottle {
        private final Consumer<String> progress;
        private final Map<String, String> lastStatus = new HashMap<>();
        private long lastReport;

        ProgressThrottle(Consumer<String> progress) {
            this.progress = progress;
        }

        void report(String layer, String status, String bar) {
            String key = layer == null ? "" : layer;
            boolean changed = !status.equals(lastStatus.put(key, status));
            long now = System.nanoTime();
            if (changed || now - lastReport > Duration.ofSeconds(5).toNanos()) {
                lastReport = now;
                String text = (layer == null ? "" : layer + ": ") + status;
                progress.accept(bar == null || changed ? text : text + " " + bar.replaceAll("[^\\x20-\\x7e]", ""));
            }
        }
    }

    /**
     * The answer of a pull or a push: progress reported as it comes, and the engine's error thrown by {@link #awaitEnd}
     * without the client logging it with its stack first (a registry without the image is an answer, not a failure).
     */
    private static final class RegistryStream<T extends ResponseItem> extends ResultCallback.Adapter<T> {
        private final ProgressThrottle throttle;
        private volatile Throwable failure;

        RegistryStream(ProgressThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        public void onNext(T item) {
            if (item.getErrorDetail() != null) {
                throw new DockerClientException(item.getErrorDetail().getMessage());
            }
            if (item.getStatus() != null) {
                throttle.report(item.getId(), item.getStatus(), item.getProgress());
            }
        }

        @Override
        public void onError(Throwable error) {
            if (failure == null) {
                failure = error;
            }
            try {
                close();
            } catch (IOException e) {
                // the stream has failed already
            }
        }

        void awaitEnd() throws InterruptedException {
            awaitCompletion();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new DockerClientException(String.valueOf(failure.getMessage()), failure);
            }
        }
    }
}
