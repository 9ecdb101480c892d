package io.github.kubemaven.engine.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTermBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.github.kubemaven.engine.ContainerLease;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.ground.Hashing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pod that runs a container of the build: one container named {@link #CONTAINER}, on the node whose Docker engine
 * keeps the container's volumes (mounted from the folders that engine keeps them in), never restarted, with no
 * service-account token and no service variables (what runs there is the tree's own code), and its command held at a
 * gate until the run has copied in what the container needs ({@link #GATE_FILE}).
 */
final class PodSpecs {

    static final String CONTAINER = "build";
    /**
     * Beside a leased command: the {@link ContainerLease}'s watch, in a container of its own that runs until the pod is
     * deleted, so that renewing the lease never meets a command that has just ended; the pod's containers share one
     * process namespace, so the watch's kill reaches the command.
     */
    static final String LEASE_CONTAINER = "lease";
    /** On every pod: marks it as one a run of the plugin made. */
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "kube-maven-plugin";
    /** On a pod: the container name it runs under, as the plugin's records know it. */
    static final String NAME_ANNOTATION = "io.github.kubemaven/container";
    static final String GATE_FILE = "/tmp/.kube-maven-gate";
    /** On a run's owner: the node whose pods it owns. */
    static final String NODE_LABEL = "io.github.kubemaven/node";
    /** On a pod: the name of the run's owner, which names the run. */
    static final String RUN_LABEL = "io.github.kubemaven/run";
    /** On a placement probe: the placement it is one of. */
    static final String PLACEMENT_LABEL = "io.github.kubemaven/placement";
    /** The hard end of every pod, whatever becomes of the run that made it. */
    static final long DEADLINE_SECONDS = 24 * 3600;

    private static final String GATE = "while [ ! -e " + GATE_FILE + " ]; do sleep 0.05; done\nexec \"$@\"";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    private static final Pattern USER = Pattern.compile("(\\d+)(?::(\\d+))?");

    private PodSpecs() {
    }

    /**
     * The pod's name for a container name on a node: readable, and with a hash of both, as each node's engine has
     * containers of the same names (one tree's shares of a build spread over nodes).
     */
    static String podName(String containerName, String node) {
        String readable = containerName.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        readable = readable.length() > 50 ? readable.substring(0, 50).replaceAll("-+$", "") : readable;
        String hash = Hashing.sha256(containerName + "@" + node).substring(0, 10);
        return (readable.isEmpty() ? "c" : readable) + "-" + hash;
    }

    /**
     * The pod's label for a label of the container's record: {@code io.github.kubemaven.tree} becomes
     * {@code io.github.kubemaven/tree}, as the kubelet hands a pod's labels on to the engine's containers of the pod, and
     * those are no containers of the plugin's own.
     */
    static String labelKey(String key) {
        String prefix = "io.github.kubemaven.";
        return key.startsWith(prefix) ? "io.github.kubemaven/" + key.substring(prefix.length()) : key;
    }

    /** A label value the cluster takes: the value itself where it is one, else {@code h-} and its hash. */
    static String labelValue(String value) {
        return LABEL_VALUE.matcher(value).matches() ? value : "h-" + Hashing.sha256(value).substring(0, 40);
    }

    /**
     * The pod for {@code spec}.
     *
     * @param folders  each volume the container mounts (its own and those of the containers it takes volumes from),
     *                 with its path in the container and the folder its engine keeps it in on the node
     * @param nodeName where the volumes are, so where the pod must run
     * @param owner    the object of the run that owns the pod, or null for none
     */
    static Pod of(ContainerSpec spec, List<Mount> folders, String nodeName, ConfigMap owner) {
        if (!spec.bindMounts().isEmpty()) {
            throw new IllegalArgumentException("a pod cannot mount folders of this machine: " + spec.bindMounts().keySet());
        }
        Map<String, String> labels = clusterLabels(spec.labels());
        if (owner != null) {
            labels.put(RUN_LABEL, owner.getMetadata().getName());
        }
        List<io.fabric8.kubernetes.api.model.Volume> volumes = new ArrayList<>();
        List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = new ArrayList<>();
        int index = 0;
        for (Mount mount : folders) {
            String volumeName = "v" + index++;
            volumes.add(new VolumeBuilder().withName(volumeName)
                    .withNewHostPath().withPath(mount.folder()).withType("Directory").endHostPath().build());
            mounts.add(new VolumeMountBuilder().withName(volumeName).withMountPath(mount.path())
                    .withReadOnly(spec.readOnlyPaths().contains(mount.path()) ? Boolean.TRUE : null).build());
        }
        List<EnvVar> environment = new ArrayList<>();
        for (String entry : spec.environment()) {
            int equals = entry.indexOf('=');
            environment.add(equals < 0 ? new EnvVar(entry, "", null) : new EnvVar(entry.substring(0, equals), entry.substring(equals + 1), null));
        }
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(spec.image())
                .withImagePullPolicy("Never")
                .withEnv(environment)
                .withVolumeMounts(mounts)
                .withStdin(spec.stdin())
                .withStdinOnce(spec.stdin())
                .withTty(spec.tty());
        if (!spec.command().isEmpty()) {
            container.withArgs(gated(ContainerLease.unwrap(spec.command())));
        }
        Map<String, Quantity> resources = new LinkedHashMap<>();
        if (spec.nanoCpus() != null) {
            resources.put("cpu", cpu(spec.nanoCpus()));
        }
        if (spec.memoryBytes() != null) {
            resources.put("memory", memory(spec.memoryBytes()));
        }
        if (!resources.isEmpty()) {
            container.withNewResources().withLimits(resources).withRequests(resources).endResources();
        }
        SecurityContext user = userOf(spec.user());
        container.withSecurityContext(user);
        String hostname = spec.hostname() != null && DNS_LABEL.matcher(spec.hostname()).matches() ? spec.hostname() : null;
        List<Container> containers = new ArrayList<>(List.of(container.build()));
        if (spec.leased()) {
            containers.add(new ContainerBuilder()
                    .withName(LEASE_CONTAINER)
                    .withImage(spec.image())
                    .withImagePullPolicy("Never")
                    .withArgs(ContainerLease.wrap(List.of("sleep", "2147483647")))
                    .withSecurityContext(user)
                    .build());
        }
        return new PodBuilder()
                .withNewMetadata()
                    .withName(podName(spec.name(), nodeName))
                    .withLabels(labels)
                    .addToAnnotations(NAME_ANNOTATION, spec.name())
                    .withOwnerReferences(owner == null ? List.of() : List.of(referenceTo(owner)))
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withNodeSelector(Map.of("kubernetes.io/hostname", nodeName))
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withShareProcessNamespace(spec.leased() ? Boolean.TRUE : null)
                    .withActiveDeadlineSeconds(DEADLINE_SECONDS)
                    .withTerminationGracePeriodSeconds(1L)
                    .withHostname(hostname)
                    .withVolumes(volumes)
                    .withContainers(containers)
                .endSpec()
                .build();
    }

    /**
     * A pod that only asks the scheduler where a share of a build would go: it asks for what the build pod asks for, may
     * go to {@code nodes} alone, would rather go to the nodes that built the platforms last and not share a node with the
     * other probes of its {@code placement}, and never runs (its image is none the node has, and never
     * pulled). It carries the tree's labels, so that the tree's next run removes it should this run die first.
     */
    static Pod placementProbe(String name, String placement, SharePlacement.Request request, List<String> nodes) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        if (request.cpuNanos() != null) {
            requests.put("cpu", cpu(request.cpuNanos()));
        }
        if (request.memoryBytes() != null) {
            requests.put("memory", memory(request.memoryBytes()));
        }
        Map<String, String> labels = clusterLabels(request.treeLabels());
        labels.put(PLACEMENT_LABEL, placement);
        return new PodBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withActiveDeadlineSeconds(60L)
                    .withTerminationGracePeriodSeconds(0L)
                    .withNewAffinity()
                        .withNewNodeAffinity()
                            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                                .withNodeSelectorTerms(nodes.stream().map(PodSpecs::namedNode).toList())
                            .endRequiredDuringSchedulingIgnoredDuringExecution()
                            .withPreferredDuringSchedulingIgnoredDuringExecution(request.homeNodes().stream().filter(nodes::contains)
                                    .map(node -> new PreferredSchedulingTermBuilder().withWeight(100).withPreference(namedNode(node)).build())
                                    .toList())
                        .endNodeAffinity()
                        .withNewPodAntiAffinity()
                            .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                                .withWeight(100)
                                .withNewPodAffinityTerm()
                                    .withNewLabelSelector().addToMatchLabels(PLACEMENT_LABEL, placement).endLabelSelector()
                                    .withTopologyKey("kubernetes.io/hostname")
                                .endPodAffinityTerm()
                            .endPreferredDuringSchedulingIgnoredDuringExecution()
                        .endPodAntiAffinity()
                    .endAffinity()
                    .addNewContainer()
                        .withName("probe")
                        .withImage("kube-mvn-placement-probe:never-run")
                        .withImagePullPolicy("Never")
                        .withNewResources().withRequests(requests).withLimits(requests).endResources()
                    .endContainer()
                .endSpec()
                .build();
    }

    /** The node named {@code name}: a field selector takes one name, and the terms of a node affinity are alternatives. */
    private static NodeSelectorTerm namedNode(String name) {
        return new NodeSelectorTermBuilder().addNewMatchField().withKey("metadata.name").withOperator("In").withValues(name).endMatchField()
                .build();
    }

    /**
     * The object that owns the pods one run starts on a node: the cluster's garbage collector deletes what it owns when
     * it goes, whatever became of a pod's own deletion.
     *
     * @param treeLabels the labels of the tree whose pods it owns, as the container records have them
     */
    static ConfigMap owner(String name, Map<String, String> treeLabels, String nodeName, String startedBy) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(name).withLabels(ownerSelector(treeLabels, nodeName)).endMetadata()
                .addToData("started-by", startedBy)
                .build();
    }

    /** The selector of the owners of a tree's pods on a node, for {@code treeLabels} as the records have them. */
    static Map<String, String> ownerSelector(Map<String, String> treeLabels, String nodeName) {
        Map<String, String> selector = clusterLabels(treeLabels);
        selector.put(NODE_LABEL, labelValue(nodeName));
        return selector;
    }

    /** Labels of a container record as the cluster takes them, with the mark of the plugin's objects. */
    static Map<String, String> clusterLabels(Map<String, String> recordLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        recordLabels.forEach((key, value) -> labels.put(labelKey(key), labelValue(value)));
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    private static OwnerReference referenceTo(ConfigMap owner) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).build();
    }

    /** {@code nanoCpus} billionths of a CPU as thousandths, at least one. */
    static Quantity cpu(long nanoCpus) {
        return new Quantity(Math.max(1, nanoCpus / 1_000_000) + "m");
    }

    /** {@code bytes} as kubectl shows a memory size: in Gi or Mi where it is a whole number of them. */
    static Quantity memory(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return new Quantity((bytes >> 30) + "Gi");
        }
        return bytes % (1L << 20) == 0 ? new Quantity((bytes >> 20) + "Mi") : new Quantity(String.valueOf(bytes));
    }

    /** The pod's user and group ids from Docker's {@code uid[:gid]}; null for the image's own. */
    private static SecurityContext userOf(String user) {
        var ids = user == null ? null : USER.matcher(user);
        if (ids == null || !ids.matches()) {
            return null;
        }
        return new SecurityContextBuilder().withRunAsUser(Long.parseLong(ids.group(1)))
                .withRunAsGroup(ids.group(2) == null ? null : Long.parseLong(ids.group(2))).build();
    }

    /** {@code command} held until {@link #GATE_FILE} exists. */
    static List<String> gated(List<String> command) {
        List<String> gated = new ArrayList<>(List.of("sh", "-c", GATE, "kube-maven-gate"));
        gated.addAll(command);
        return gated;
    }

    /** A volume of the node's engine: where the container sees it and where the engine keeps its files. */
    record Mount(String path, String folder) {
    }
}
