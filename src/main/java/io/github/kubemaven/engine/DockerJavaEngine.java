package io.github.kubemaven.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
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
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.OutputSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final String QUIET_LOGGERS = "org.slf4j.simpleLogger.log.com.github.dockerjava";

    static {
        if (System.getProperty(QUIET_LOGGERS) == null) {
            System.setProperty(QUIET_LOGGERS, "info");
        }
    }

    private final DockerClient client;
    private final String endpoint;

    private DockerJavaEngine(DockerClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /**
     * Connects to the engine named by {@code dockerHost}, or, when null, by DOCKER_HOST, DOCKER_TLS_VERIFY,
     * DOCKER_CERT_PATH and the current docker context, as the docker CLI does.
     */
    public static DockerEngine connect(String dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null && !dockerHost.isBlank()) {
            builder.withDockerHost(dockerHost);
        }
        DefaultDockerClientConfig config;
        try {
            config = builder.build();
        } catch (RuntimeException e) {
            throw new KubeBuildException("The Docker settings are not usable: " + e.getMessage(),
                    Hints.DOCKER_SETTINGS, e);
        }
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return EngineGone.reporting(new DockerJavaEngine(DockerClientImpl.getInstance(config, http), config.getDockerHost().toString()));
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String serverVersion() {
        try {
            var version = client.versionCmd().exec();
            return version.getVersion() + " (API " + version.getApiVersion() + ")";
        } catch (RuntimeException e) {
            throw new EngineUnavailableException(endpoint, e);
        }
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        try {
            var image = client.inspectImageCmd(reference).exec();
            Map<String, String> labels = image.getConfig() == null || image.getConfig().getLabels() == null
                    ? Map.of() : image.getConfig().getLabels();
            return Optional.of(new ImageInfo(image.getId(), labels));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void pullImage(String reference, Consumer<String> progress) {
        int colon = reference.lastIndexOf(':');
        boolean hasTag = colon > reference.lastIndexOf('/');
        String repository = hasTag ? reference.substring(0, colon) : reference;
        String tag = hasTag ? reference.substring(colon + 1) : "latest";
        ProgressThrottle throttle = new ProgressThrottle(progress);
        try {
            client.pullImageCmd(repository).withTag(tag).exec(new ResultCallback.Adapter<PullResponseItem>() {
                @Override
                public void onNext(PullResponseItem item) {
                    if (item.getErrorDetail() != null) {
                        throw new DockerClientException(item.getErrorDetail().getMessage());
                    }
                    String status = item.getStatus();
                    if (status != null) {
                        throttle.report(item.getId(), status, item.getProgress());
                    }
                }
            }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while pulling " + reference, null, e);
        }
        if (inspectImage(reference).isEmpty()) {
            throw new DockerClientException("the engine did not get " + reference);
        }
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
        StringBuilder partial = new StringBuilder();
        return command.exec(new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    partial.append(item.getStream());
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        String line = partial.substring(0, newline).stripTrailing();
                        partial.delete(0, newline + 1);
                        if (!line.isEmpty()) {
                            progress.accept(line);
                        }
                    }
                }
                super.onNext(item);
            }
        }).awaitImageId();
    }

    @Override
    public void removeImage(String reference) {
        try {
            client.removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException ignored) {
            // already gone
        }
    }

    @Override
    public List<String> listImages(Map<String, String> labels) {
        List<String> references = new ArrayList<>();
        for (Image image : client.listImagesCmd().withLabelFilter(labels).exec()) {
            boolean tagged = false;
            if (image.getRepoTags() != null) {
                for (String repoTag : image.getRepoTags()) {
                    if (!repoTag.startsWith("<none>")) {
                        references.add(repoTag);
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
            InspectContainerResponse response = client.inspectContainerCmd(name).exec();
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
        for (Container container : client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            String name = container.getNames() == null || container.getNames().length == 0
                    ? container.getId() : stripSlash(container.getNames()[0]);
            states.add(new ContainerState(container.getId(), name, "running".equals(container.getState()), -1,
                    container.getImage(), container.getLabels() == null ? Map.of() : container.getLabels()));
        }
        return states;
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        HostConfig hostConfig = HostConfig.newHostConfig();
        if (!spec.volumesFrom().isEmpty()) {
            hostConfig.withVolumesFrom(spec.volumesFrom().stream().map(VolumesFrom::new).toArray(VolumesFrom[]::new));
        }
        List<Bind> binds = new ArrayList<>();
        spec.volumeMounts().forEach((volume, path) -> binds.add(new Bind(volume, new Volume(path))));
        spec.bindMounts().forEach((host, path) -> binds.add(new Bind(host, new Volume(path))));
        if (!binds.isEmpty()) {
            hostConfig.withBinds(binds);
        }
        CreateContainerCmd command = client.createContainerCmd(spec.image())
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
        return command.exec().getId();
    }

    @Override
    public void startContainer(String id) {
        client.startContainerCmd(id).exec();
    }

    @Override
    public void copyToContainer(String id, byte[] tarArchive) {
        client.copyArchiveToContainerCmd(id)
                .withTarInputStream(new java.io.ByteArrayInputStream(tarArchive))
                .withRemotePath("/")
                .exec();
    }

    @Override
    public int runAttached(String id, InputStream stdin, OutputSink output) {
        var attach = client.attachContainerCmd(id)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withLogs(true);
        if (stdin != null) {
            attach.withStdIn(stdin);
        }
        ResultCallback.Adapter<Frame> frames = attach.exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame.getPayload();
                if (payload != null) {
                    output.write(payload, 0, payload.length);
                }
            }
        });
        try {
            frames.awaitStarted();
            client.startContainerCmd(id).exec();
            Integer status = client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
            frames.awaitCompletion(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return status == null ? -1 : status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while waiting for container " + id, null, e);
        } finally {
            try {
                frames.close();
            } catch (IOException ignored) {
                // the stream is over either way
            }
        }
    }

    @Override
    public void removeContainer(String name) {
        try {
            client.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException ignored) {
            // already gone
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("is already in progress")) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Integer> publishedPort(String container, int containerPort) {
        InspectContainerResponse response = client.inspectContainerCmd(container).exec();
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
        client.createVolumeCmd().withName(name).withLabels(labels).exec();
    }

    @Override
    public List<String> listVolumes(Map<String, String> labels) {
        List<String> filters = new ArrayList<>();
        labels.forEach((key, value) -> filters.add(key + "=" + value));
        var response = client.listVolumesCmd().withFilter("label", filters).exec();
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
            client.removeVolumeCmd(name).exec();
        } catch (NotFoundException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
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
}
