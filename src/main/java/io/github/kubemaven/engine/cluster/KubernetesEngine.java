package io.github.kubemaven.engine.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.github.kubemaven.config.ClusterAddress;
import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.engine.ContainerLease;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.ImageBuild;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LineSplitter;
import io.github.kubemaven.ground.OutputSink;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Kubernetes cluster as the engine: each container of the build runs as a pod on one node, and that node's own
 * Docker engine (named by the node's {@link #DOCKER_HOST_ANNOTATION}) builds and keeps the images the pods run and the
 * volumes they mount, and holds a created container as the record of each pod, so that the tree's volumes, the
 * up-to-date records and the clean-up of leftovers work as on any engine. Files reach the pods and come back through
 * exec streams of the Kubernetes API alone.
 */
public final class KubernetesEngine implements DockerEngine {

    /** On a node: the address of the Docker engine its kubelet runs pods on. */
    public static final String DOCKER_HOST_ANNOTATION = "io.github.kubemaven/docker-host";
    /** On a container record: the volumes its pod mounts, {@code volume=path} apart by newlines. */
    static final String MOUNTS_LABEL = "io.github.kubemaven.pod-mounts";
    private static final Duration START_LIMIT = Duration.ofMinutes(5);
    private static final Duration GONE_LIMIT = Duration.ofSeconds(60);
    private static final Duration EXECS_ENDING = Duration.ofSeconds(3);
    private static final Duration LOG_END = Duration.ofSeconds(10);
    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(60);
    private static final Set<String> FAILED_TO_START = Set.of("ErrImageNeverPull", "ErrImagePull", "ImagePullBackOff",
            "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private final KubernetesClient client;
    private final ClusterAddress address;
    private final String namespace;
    private final String node;
    private final DockerEngine nodeEngine;
    private final Map<String, ContainerSpec> created = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> pendingArchives = new ConcurrentHashMap<>();
    private final Set<String> removing = new HashSet<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Integer> execsRunning = new HashMap<>();
    private final RunOwner runOwner;

    KubernetesEngine(KubernetesClient client, ClusterAddress address, String namespace, String node, DockerEngine nodeEngine) {
        this.client = client;
        this.address = address;
        this.namespace = namespace;
        this.node = node;
        this.nodeEngine = nodeEngine;
        this.runOwner = new RunOwner(client, namespace, node, KubernetesEngine::reason);
    }

    /**
     * Reaches the cluster {@code address} names through the user's kubeconfig, picks the first ready node (by name)
     * that names its Docker engine, and reaches that engine through {@code dockerEngines}.
     */
    public static KubernetesEngine connect(ClusterAddress address, Function<String, DockerEngine> dockerEngines) {
        Config config = configFor(address);
        String namespace = namespaceOf(address, config);
        config.setNamespace(namespace);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            Node chosen = buildNode(client, address);
            String dockerHost = chosen.getMetadata().getAnnotations().get(DOCKER_HOST_ANNOTATION);
            DockerEngine nodeEngine = dockerEngines.apply(dockerHost);
            return new KubernetesEngine(client, address, namespace, chosen.getMetadata().getName(), nodeEngine);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The namespace of the pods: the address's, else the kubeconfig context's, else {@code default}. */
    static String namespaceOf(ClusterAddress address, Config config) {
        return address.namespace() != null ? address.namespace() : config.getNamespace() != null ? config.getNamespace() : "default";
    }

    static Config configFor(ClusterAddress address) {
        Config config;
        try {
            config = Config.autoConfigure(address.context());
        } catch (RuntimeException e) {
            throw new KubeBuildException("The kubeconfig for " + address + " cannot be read: " + e.getMessage(),
                    Hints.CLUSTER_UNREACHABLE, e);
        }
        if (address.context() != null && (config.getCurrentContext() == null
                || !address.context().equals(config.getCurrentContext().getName()))) {
            String known = config.getContexts() == null ? "" : config.getContexts().stream()
                    .map(context -> context.getName()).collect(Collectors.joining(", "));
            throw new KubeBuildException("kube.engine names the context " + address.context()
                    + ", which the kubeconfig does not have" + (known.isEmpty() ? "." : " (it has " + known + ")."),
                    Hints.CLUSTER_ADDRESS);
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new KubeBuildException("No cluster for " + address + ": the kubeconfig names no server.", Hints.CLUSTER_UNREACHABLE);
        }
        return config;
    }

    /**
     * An engine address for each node of the cluster at {@code address} that can build now (ready and annotated), in
     * order of the nodes' names.
     */
    public static List<String> nodeAddresses(ClusterAddress address) {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(configFor(address)).build()) {
            return buildNodes(client, address).stream().map(node -> address.onNode(node.getMetadata().getName()).toString()).toList();
        }
    }

    static List<Node> buildNodes(KubernetesClient client, ClusterAddress address) {
        List<Node> nodes;
        try {
            nodes = client.nodes().list().getItems();
        } catch (KubernetesClientException e) {
            throw new KubeBuildException("The cluster " + address + " (" + client.getMasterUrl() + ") does not answer: "
                    + reason(e), Hints.CLUSTER_UNREACHABLE, e);
        }
        List<Node> building = nodes.stream()
                .filter(candidate -> candidate.getMetadata().getAnnotations() != null
                        && candidate.getMetadata().getAnnotations().containsKey(DOCKER_HOST_ANNOTATION))
                .filter(KubernetesEngine::ready)
                .sorted(Comparator.comparing(candidate -> candidate.getMetadata().getName()))
                .toList();
        if (building.isEmpty()) {
            throw new KubeBuildException("The cluster " + address + " has no ready node annotated " + DOCKER_HOST_ANNOTATION
                    + " (" + nodes.size() + " nodes).", Hints.CLUSTER_NODE);
        }
        return building;
    }

    /** The node {@code address} names, or the first that can build. */
    private static Node buildNode(KubernetesClient client, ClusterAddress address) {
        List<Node> building = buildNodes(client, address);
        if (address.node() == null) {
            return building.get(0);
        }
        return building.stream().filter(candidate -> candidate.getMetadata().getName().equals(address.node())).findFirst()
                .orElseThrow(() -> new KubeBuildException("The cluster " + address + " has no ready node " + address.node()
                        + " annotated " + DOCKER_HOST_ANNOTATION + "; these can build: " + building.stream()
                        .map(candidate -> candidate.getMetadata().getName()).collect(Collectors.joining(", ")) + ".", Hints.CLUSTER_NODE));
    }

    private static boolean ready(Node candidate) {
        if (candidate.getStatus() == null || candidate.getStatus().getConditions() == null) {
            return false;
        }
        if (Boolean.TRUE.equals(candidate.getSpec().getUnschedulable())) {
            return false;
        }
        return candidate.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    @Override
    public String serverVersion() {
        String cluster;
        try {
            cluster = client.getKubernetesVersion().getGitVersion();
        } catch (KubernetesClientException e) {
            throw new KubeBuildException("The cluster " + address + " does not answer: " + reason(e),
                    Hints.CLUSTER_UNREACHABLE, e);
        }
        return cluster + ", node " + node + " with Docker engine " + nodeEngine.serverVersion();
    }

    @Override
    public String describe(String serverVersion) {
        return "Kubernetes " + serverVersion + " at " + endpoint();
    }

    @Override
    public String endpoint() {
        return address + " (pods in namespace " + namespace + " on node " + node + ", its images and volumes on "
                + nodeEngine.endpoint() + ")";
    }

    @Override
    public boolean onThisMachine() {
        return false;
    }

    @Override
    public boolean rootless() {
        return nodeEngine.rootless();
    }

    @Override
    public boolean receivesCredentials() {
        return nodeEngine.receivesCredentials();
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        return nodeEngine.inspectImage(reference);
    }

    @Override
    public void pullImage(String reference, RegistryCredentials credentials, Consumer<String> progress) {
        nodeEngine.pullImage(reference, credentials, progress);
    }

    @Override
    public void pushImage(String reference, RegistryCredentials credentials, Consumer<String> progress) {
        nodeEngine.pushImage(reference, credentials, progress);
    }

    @Override
    public String buildImage(Path contextDir, String tag, Map<String, String> buildArguments, Map<String, String> labels,
                             Consumer<String> progress) {
        return nodeEngine.buildImage(contextDir, tag, buildArguments, labels, progress);
    }

    @Override
    public String buildImage(ImageBuild build, Consumer<String> progress) {
        return nodeEngine.buildImage(build, progress);
    }

    @Override
    public void saveImages(List<String> references, OutputStream archive) {
        nodeEngine.saveImages(references, archive);
    }

    @Override
    public void tagImage(String source, String target) {
        nodeEngine.tagImage(source, target);
    }

    @Override
    public void removeImage(String reference) {
        nodeEngine.removeImage(reference);
    }

    @Override
    public List<String> listImages(Map<String, String> labels) {
        return nodeEngine.listImages(labels);
    }

    @Override
    public Optional<ContainerState> inspectContainer(String name) {
        return nodeEngine.inspectContainer(name).map(record -> withPod(record, pod(record.name())));
    }

    @Override
    public List<ContainerState> listContainers(Map<String, String> labels) {
        List<ContainerState> records = nodeEngine.listContainers(labels);
        if (records.isEmpty()) {
            return records;
        }
        Map<String, Pod> pods = client.pods().withLabel(PodSpecs.MANAGED_BY, PodSpecs.MANAGER).list().getItems().stream()
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), pod -> pod, (a, b) -> a));
        List<ContainerState> states = new ArrayList<>();
        for (ContainerState record : records) {
            states.add(withPod(record, Optional.ofNullable(pods.get(PodSpecs.podName(record.name(), node)))));
        }
        return states;
    }

    /** The record's state as its pod has it: the pod's name as the id, running while the pod runs, its exit code. */
    private static ContainerState withPod(ContainerState record, Optional<Pod> pod) {
        Map<String, String> labels = new LinkedHashMap<>(record.labels());
        labels.remove(MOUNTS_LABEL);
        boolean running = pod.map(KubernetesEngine::podRunning).orElse(false);
        long exitCode = pod.flatMap(KubernetesEngine::terminated).map(state -> state.getExitCode().longValue()).orElse(record.exitCode());
        return new ContainerState(record.id(), record.name(), running, exitCode, record.image(), labels);
    }

    private static boolean podRunning(Pod pod) {
        String phase = phaseOf(pod);
        return ("Pending".equals(phase) || "Running".equals(phase)) && terminated(pod).isEmpty();
    }

    private static String phaseOf(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Optional<ContainerStateTerminated> terminated(Pod pod) {
        return containerStatus(pod).map(status -> status.getState() == null ? null : status.getState().getTerminated());
    }

    private static Optional<ContainerStatus> containerStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(status -> PodSpecs.CONTAINER.equals(status.getName())).findFirst();
    }

    private Optional<Pod> pod(String containerName) {
        return Optional.ofNullable(podResource(containerName).get());
    }

    private PodResource podResource(String containerName) {
        return client.pods().inNamespace(namespace).withName(PodSpecs.podName(containerName, node));
    }

    /** The container of the pod that runs the command. */
    private ContainerResource commandOf(String containerName) {
        return podResource(containerName).inContainer(PodSpecs.CONTAINER);
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        if (!spec.bindMounts().isEmpty()) {
            throw new KubeBuildException("A pod on " + endpoint() + " cannot mount " + spec.bindMounts().keySet()
                    + " of this machine.", Hints.CLUSTER_NEEDS_RSYNC);
        }
        Map<String, String> mounts = mountsOf(spec);
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(MOUNTS_LABEL, mounts.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n")));
        ContainerSpec.Builder record = ContainerSpec.builder(spec.name(), spec.image()).labels(labels).user(spec.user())
                .environment(spec.environment()).command(spec.command());
        spec.volumeMounts().forEach(record::volume);
        String id = nodeEngine.createContainer(record.build());
        synchronized (this) {
            removing.remove(spec.name());
        }
        created.put(spec.name(), spec);
        names.put(id, spec.name());
        return id;
    }

    /**
     * The name of the container {@code idOrName} names: its record's on the node's engine, which the pods are named
     * after; ids are the records' own, and so differ on each node as containers' ids do on each engine.
     */
    private String nameOf(String idOrName) {
        String known = names.get(idOrName);
        if (known != null || created.containsKey(idOrName)) {
            return known != null ? known : idOrName;
        }
        return nodeEngine.inspectContainer(idOrName).map(ContainerState::name).orElse(idOrName);
    }

    /** The volumes a pod of {@code spec} mounts: its own and those of the containers it takes volumes from. */
    private Map<String, String> mountsOf(ContainerSpec spec) {
        Map<String, String> mounts = new LinkedHashMap<>(spec.volumeMounts());
        for (String source : spec.volumesFrom()) {
            mounts.putAll(mountsOf(source));
        }
        return mounts;
    }

    /** The volumes the pods of container {@code name} mount, as its record keeps them. */
    private Map<String, String> mountsOf(String name) {
        ContainerState source = nodeEngine.inspectContainer(name).orElseThrow(() -> new KubeBuildException(
                "No container " + name + " on the engine of node " + node + " to take volumes from.", null));
        Map<String, String> mounts = new LinkedHashMap<>();
        String kept = source.labels().getOrDefault(MOUNTS_LABEL, "");
        for (String line : kept.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                mounts.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return mounts;
    }

    @Override
    public void startContainer(String id) {
        id = nameOf(id);
        Pod pod = createPod(id);
        awaitStarted(id, pod);
        copyPendingArchives(id);
        openGate(id);
    }

    @Override
    public void copyToContainer(String id, byte[] tarArchive) {
        id = nameOf(id);
        if (pod(id).map(KubernetesEngine::podRunning).orElse(false)) {
            unpack(id, tarArchive);
            return;
        }
        pendingArchives.computeIfAbsent(id, key -> new ArrayList<>()).add(tarArchive.clone());
    }

    @Override
    public boolean copiesIntoVolumes() {
        return false;
    }

    @Override
    public int runAttached(String id, InputStream stdin, OutputSink output) {
        return runAttached(id, stdin, output, () -> { });
    }

    @Override
    public int runAttached(String id, InputStream stdin, OutputSink output, Runnable started) {
        id = nameOf(id);
        if (stdin != null) {
            throw new KubeBuildException("A command that reads this terminal or standard input (kube:shell) does not run on "
                    + endpoint() + ": pods of a cluster take no input from the run yet.", Hints.CLUSTER_NO_INPUT);
        }
        Pod pod = createPod(id);
        LogWatch logs = null;
        try {
            awaitStarted(id, pod);
            copyPendingArchives(id);
            openGate(id);
            started.run();
            logs = commandOf(id).watchLog(new SinkStream(output));
            int exitCode = awaitExit(id);
            awaitLogEnd(logs);
            return exitCode;
        } finally {
            if (logs != null) {
                logs.close();
            }
            deletePod(id);
        }
    }

    private Pod createPod(String id) {
        ContainerSpec spec = created.get(id);
        if (spec == null) {
            throw new KubeBuildException("Container " + id + " was not created by this run on " + endpoint() + ".", null);
        }
        List<PodSpecs.Mount> folders = new ArrayList<>();
        mountsOf(spec).forEach((volume, path) -> folders.add(new PodSpecs.Mount(path, nodeEngine.volumeFolder(volume)
                .orElseThrow(() -> new KubeBuildException("The engine of node " + node + " has no volume " + volume + ".", null)))));
        Pod pod = PodSpecs.of(spec, folders, node, runOwner.get());
        synchronized (this) {
            removing.remove(id);
        }
        try {
            return client.pods().inNamespace(namespace).resource(pod).create();
        } catch (KubernetesClientException e) {
            throw new KubeBuildException("The cluster " + address + " refused pod " + pod.getMetadata().getName() + ": "
                    + reason(e), Hints.CLUSTER_UNREACHABLE, e);
        }
    }

    @Override
    public void openRun(Map<String, String> labels) {
        runOwner.open(labels);
    }

    @Override
    public void removeRunObjects(Map<String, String> labels) {
        runOwner.removeLeftovers(labels);
    }

    /** Waits until the pod's container runs (or has already ended); fails in one line when it cannot start. */
    private void awaitStarted(String id, Pod created) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String name = created.getMetadata().getName();
        while (true) {
            Pod pod = podResource(id).get();
            if (pod == null) {
                throw new KubeBuildException("Pod " + name + " on " + endpoint() + " went away before it started.", null);
            }
            Optional<ContainerStatus> status = containerStatus(pod);
            if (status.map(ContainerStatus::getState).map(state -> state.getRunning() != null || state.getTerminated() != null).orElse(false)) {
                return;
            }
            Optional<ContainerStateWaiting> waiting = status.map(ContainerStatus::getState).map(state -> state.getWaiting());
            if (waiting.isPresent() && FAILED_TO_START.contains(waiting.get().getReason())) {
                throw new KubeBuildException("Pod " + name + " on node " + node + " cannot start: " + waiting.get().getReason()
                        + (waiting.get().getMessage() == null ? "" : ": " + firstLine(waiting.get().getMessage())), null);
            }
            if ("Failed".equals(phaseOf(pod))) {
                throw new KubeBuildException("Pod " + name + " on node " + node + " failed before it started: "
                        + pod.getStatus().getReason() + " " + pod.getStatus().getMessage(), null);
            }
            if (System.nanoTime() > deadline) {
                String unscheduled = pod.getStatus() == null || pod.getStatus().getConditions() == null ? "" : pod.getStatus()
                        .getConditions().stream().filter(condition -> "PodScheduled".equals(condition.getType())
                                && "False".equals(condition.getStatus())).map(PodCondition::getMessage).findFirst().orElse("");
                throw new KubeBuildException("Pod " + name + " did not start on node " + node + " within "
                        + START_LIMIT.toMinutes() + " minutes" + (unscheduled.isEmpty() ? "." : ": " + unscheduled), null);
            }
            sleep(100);
        }
    }

    private void copyPendingArchives(String id) {
        List<byte[]> archives = pendingArchives.remove(id);
        if (archives != null) {
            archives.forEach(archive -> unpack(id, archive));
        }
    }

    private void unpack(String id, byte[] archive) {
        List<String> errors = new ArrayList<>();
        // the exec stream of a cluster before 1.29 cannot say where its input ends: the archive's length does
        int exitCode = exec(id, List.of("sh", "-c", "head -c " + archive.length + " | tar -x -p -C / -f -"),
                new ByteArrayInputStream(archive), OutputStream.nullOutputStream(), errors::add);
        if (exitCode != 0) {
            throw new KubeBuildException("Files could not be copied into pod " + PodSpecs.podName(id, node) + ": " + String.join(" ", errors), null);
        }
    }

    private void openGate(String id) {
        ContainerSpec spec = created.get(id);
        if (spec == null || spec.command().isEmpty()) {
            return;
        }
        List<String> errors = new ArrayList<>();
        if (exec(id, List.of("touch", PodSpecs.GATE_FILE), null, OutputStream.nullOutputStream(), errors::add) != 0
                && pod(id).map(KubernetesEngine::podRunning).orElse(false)) {
            throw new KubeBuildException("Pod " + PodSpecs.podName(id, node) + " could not be started: " + String.join(" ", errors), null);
        }
    }

    /** Waits a moment for the last of an ended container's output, which the log stream brings after its end. */
    private static void awaitLogEnd(LogWatch logs) {
        try {
            logs.onClose().toCompletableFuture().get(LOG_END.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // what came is what there is
        }
    }

    /** Waits until the pod's container has ended; returns its exit code. */
    private int awaitExit(String id) {
        while (true) {
            Pod pod = podResource(id).get();
            if (pod == null) {
                throw new KubeBuildException("Pod " + PodSpecs.podName(id, node) + " on " + endpoint() + " went away while it ran.", null);
            }
            Optional<ContainerStateTerminated> ended = terminated(pod);
            if (ended.isPresent()) {
                return ended.get().getExitCode();
            }
            if ("Failed".equals(phaseOf(pod))) {
                throw new KubeBuildException("Pod " + pod.getMetadata().getName() + " on node " + node + " failed: "
                        + pod.getStatus().getReason() + " " + pod.getStatus().getMessage(), null);
            }
            sleep(200);
        }
    }

    @Override
    public void resizeTerminal(String id, int rows, int columns) {
        // pods run without a terminal of the run's
    }

    @Override
    public int exec(String id, List<String> command, InputStream stdin, OutputStream stdout, Consumer<String> stderr) {
        id = nameOf(id);
        if (!enterExec(id)) {
            stderr.accept("pod " + PodSpecs.podName(id, node) + " is being removed");
            return -1;
        }
        try {
            return execInPod(commandOf(id), id, command, stdin, stdout, stderr);
        } finally {
            leaveExec(id);
        }
    }

    /**
     * Counts a command in the pod of {@code id} in, unless its removal has begun: a command sent to a pod that is going
     * away fails inside the client, which reports that in the log with its whole stack.
     */
    private synchronized boolean enterExec(String id) {
        if (removing.contains(id)) {
            return false;
        }
        execsRunning.merge(id, 1, Integer::sum);
        return true;
    }

    private synchronized void leaveExec(String id) {
        execsRunning.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1);
        notifyAll();
    }

    /** Lets no further command into the pod of {@code id} and waits a moment for those under way to end. */
    private synchronized void closeToExecs(String id) {
        removing.add(id);
        long deadline = System.nanoTime() + EXECS_ENDING.toNanos();
        long left;
        while (execsRunning.containsKey(id) && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean renewLease(String id) {
        id = nameOf(id);
        if (!enterExec(id)) {
            return false;
        }
        try {
            return execInPod(podResource(id).inContainer(PodSpecs.LEASE_CONTAINER), id, ContainerLease.renewal(), null,
                    OutputStream.nullOutputStream(), line -> { }) == 0;
        } finally {
            leaveExec(id);
        }
    }

    private int execInPod(ContainerResource resource, String id, List<String> command, InputStream stdin, OutputStream stdout,
                          Consumer<String> stderr) {
        LineSplitter errorLines = new LineSplitter(stderr, 0);
        var streams = stdin == null ? resource.writingOutput(stdout) : resource.readingInput(new EndAtFailure(stdin)).writingOutput(stdout);
        StreamEnd end = new StreamEnd();
        try (ExecWatch watch = streams.writingError(new SinkStream(errorLines)).usingListener(end).exec(command.toArray(String[]::new))) {
            while (true) {
                try {
                    int exitCode = watch.exitCode().get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    end.awaitDelivery();
                    return exitCode;
                } catch (TimeoutException stillRunning) {
                    if (end.broken.isDone()) {
                        throw new KubeBuildException("The stream of a command in pod " + PodSpecs.podName(id, node) + " broke: "
                                + firstLine(String.valueOf(end.broken.join())), Hints.CLUSTER_UNREACHABLE);
                    }
                    client.getKubernetesVersion();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while waiting for a command in pod " + PodSpecs.podName(id, node), null, e);
        } catch (ExecutionException e) {
            throw new KubeBuildException("A command in pod " + PodSpecs.podName(id, node) + " failed: " + firstLine(String.valueOf(e.getCause())),
                    null, e.getCause());
        } catch (KubernetesClientException e) {
            throw new KubeBuildException("The cluster " + address + " does not answer: " + reason(e),
                    Hints.CLUSTER_UNREACHABLE, e);
        } finally {
            errorLines.flush();
        }
    }

    /** Deletes the pod of container {@code id}, its record aside, and waits until the kubelet has ended it. */
    private void deletePod(String id) {
        closeToExecs(id);
        PodResource resource = podResource(id);
        resource.withGracePeriod(1).delete();
        long deadline = System.nanoTime() + GONE_LIMIT.toNanos();
        while (resource.get() != null) {
            if (System.nanoTime() > deadline) {
                throw new KubeBuildException("Pod " + PodSpecs.podName(id, node) + " on " + endpoint() + " was still there "
                        + GONE_LIMIT.toSeconds() + " s after it was deleted.", null);
            }
            sleep(100);
        }
    }

    @Override
    public void removeContainer(String idOrName) {
        String name = nameOf(idOrName);
        // a pod that would not go keeps its record, so that the reaper's next try finds it by the same name
        deletePod(name);
        pendingArchives.remove(name);
        created.remove(name);
        names.values().remove(name);
        nodeEngine.removeContainer(name);
    }

    @Override
    public Optional<Integer> publishedPort(String container, int containerPort) {
        return Optional.empty();
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        nodeEngine.createVolume(name, labels);
    }

    /** Refused: the pods mount a volume's folder as it is, which for a volume the engine mounts is empty. */
    @Override
    public void createVolume(String name, Map<String, String> labels, Map<String, String> mountOptions) {
        throw new UnsupportedOperationException("a cluster's pods cannot mount a volume with mount options");
    }

    @Override
    public Map<String, String> volumeLabels(String name) {
        return nodeEngine.volumeLabels(name);
    }

    @Override
    public boolean anyVolumeInUse(Collection<String> names) {
        return nodeEngine.anyVolumeInUse(names);
    }

    @Override
    public Optional<String> volumeFolder(String name) {
        return nodeEngine.volumeFolder(name);
    }

    @Override
    public List<String> listVolumes(Map<String, String> labels) {
        return nodeEngine.listVolumes(labels);
    }

    @Override
    public void removeVolume(String name) {
        nodeEngine.removeVolume(name);
    }

    @Override
    public void close() {
        try {
            endRun();
        } finally {
            try {
                client.close();
            } finally {
                nodeEngine.close();
            }
        }
    }

    @Override
    public void endRun() {
        runOwner.end();
    }

    /** What the cluster said, without the client's dump of the whole answer. */
    static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while waiting for the cluster", null, e);
        }
    }

    /**
     * An input that ends where reading it fails: the input of a command is often a socket that its other end closes
     * once the command is done, and the client's pump would report the closed socket as an error.
     */
    private static final class EndAtFailure extends FilterInputStream {
        private volatile boolean ended;

        EndAtFailure(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return ended ? -1 : super.read();
            } catch (IOException e) {
                ended = true;
                return -1;
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            try {
                return ended ? -1 : super.read(bytes, offset, length);
            } catch (IOException e) {
                ended = true;
                return -1;
            }
        }

        @Override
        public int available() {
            try {
                return ended ? 1 : super.available();
            } catch (IOException e) {
                ended = true;
                return 1;
            }
        }
    }

    /**
     * How a command's stream ended. The exit code comes ahead of output the client still holds, which closing the
     * exec would drop (an rsync's last answers, on a large transfer), and the close comes after it; a stream that
     * broke may bring no exit code at all.
     */
    private static final class StreamEnd implements ExecListener {
        final CompletableFuture<Void> delivered = new CompletableFuture<>();
        final CompletableFuture<Throwable> broken = new CompletableFuture<>();

        @Override
        public void onClose(int code, String reason) {
            delivered.complete(null);
        }

        @Override
        public void onFailure(Throwable failure, Response response) {
            broken.complete(failure);
            delivered.complete(null);
        }

        void awaitDelivery() throws InterruptedException {
            try {
                delivered.get(DELIVERY_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // what was written is what there is
            }
        }
    }

    /** An {@link OutputSink} as the stream the Kubernetes client writes to. */
    private static final class SinkStream extends OutputStream {
        private final OutputSink sink;

        SinkStream(OutputSink sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            sink.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            sink.write(bytes, offset, length);
        }
    }
}
