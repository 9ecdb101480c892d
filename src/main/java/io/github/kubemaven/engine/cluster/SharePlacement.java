package io.github.kubemaven.engine.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.kubemaven.config.ClusterAddress;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Where the cluster's scheduler puts the shares of a build spread over its nodes: one probe pod per share, asking for
 * what a build pod asks for, on the nodes that can build, spread over them where the scheduler can; the nodes it binds
 * them to build the shares. A node the scheduler will not use now (tainted, full, cordoned) is left out.
 */
public final class SharePlacement {

    private static final Duration BINDING_LIMIT = Duration.ofSeconds(30);

    private SharePlacement() {
    }

    /**
     * The addresses of the nodes the scheduler places up to {@code shares} shares on, each node once, in order of
     * their names.
     *
     * @param cpuNanos    what a build pod asks for of CPU, in billionths of a CPU, or null
     * @param memoryBytes what a build pod asks for of memory, or null
     */
    public static List<String> nodeAddresses(ClusterAddress address, int shares, Long cpuNanos, Long memoryBytes) {
        Config config = KubernetesEngine.configFor(address);
        String namespace = KubernetesEngine.namespaceOf(address, config);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            List<String> nodes = KubernetesEngine.buildNodes(client, address).stream().map(node -> node.getMetadata().getName()).toList();
            if (shares < 2 || nodes.size() < 2) {
                return nodes.stream().map(node -> address.onNode(node).toString()).toList();
            }
            String placement = "kube-mvn-place-" + Hashing.sha256(UUID.randomUUID().toString()).substring(0, 10);
            List<Outcome> outcomes = placed(client, namespace, placement, Math.min(shares, nodes.size()), nodes, cpuNanos, memoryBytes);
            TreeSet<String> chosen = new TreeSet<>();
            outcomes.stream().filter(outcome -> outcome.node() != null).forEach(outcome -> chosen.add(outcome.node()));
            if (chosen.isEmpty()) {
                throw new KubeBuildException("The scheduler of " + address + " places no share of the build on the nodes that can build ("
                        + String.join(", ", nodes) + "): " + outcomes.get(0).reason(), Hints.CLUSTER_NODE);
            }
            return chosen.stream().map(node -> address.onNode(node).toString()).toList();
        } catch (KubernetesClientException e) {
            throw new KubeBuildException("The cluster " + address + " refused the pods that ask its scheduler where the build's shares go: "
                    + KubernetesEngine.reason(e), e.getCode() == HttpURLConnection.HTTP_FORBIDDEN ? Hints.CLUSTER_PERMISSIONS
                    : Hints.CLUSTER_UNREACHABLE, e);
        }
    }

    /** Where the scheduler put a probe: its node, or null and why not. */
    record Outcome(String node, String reason) {
    }

    /** Each probe's outcome; the probes are gone when it returns. */
    private static List<Outcome> placed(KubernetesClient client, String namespace, String placement, int probes, List<String> nodes,
                                        Long cpuNanos, Long memoryBytes) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < probes; i++) {
                String name = placement + "-" + i;
                client.pods().inNamespace(namespace).resource(PodSpecs.placementProbe(name, placement, nodes, cpuNanos, memoryBytes)).create();
                names.add(name);
            }
            long deadline = System.nanoTime() + BINDING_LIMIT.toNanos();
            while (outcomes.size() < names.size() && System.nanoTime() < deadline) {
                for (String name : names) {
                    if (!outcomes.containsKey(name)) {
                        outcome(client.pods().inNamespace(namespace).withName(name).get()).ifPresent(outcome -> outcomes.put(name, outcome));
                    }
                }
                pause();
            }
            names.forEach(name -> outcomes.putIfAbsent(name, new Outcome(null, "not placed within " + BINDING_LIMIT.toSeconds() + " s")));
            return List.copyOf(outcomes.values());
        } finally {
            client.pods().inNamespace(namespace).withLabel(PodSpecs.PLACEMENT_LABEL, placement).withGracePeriod(0).delete();
        }
    }

    /** The probe's outcome once the scheduler has decided; empty while it has not. */
    static Optional<Outcome> outcome(Pod probe) {
        if (probe == null) {
            return Optional.of(new Outcome(null, "the probe pod went away"));
        }
        if (probe.getSpec().getNodeName() != null) {
            return Optional.of(new Outcome(probe.getSpec().getNodeName(), null));
        }
        if (probe.getStatus() == null || probe.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return probe.getStatus().getConditions().stream()
                .filter(condition -> "PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                        && "Unschedulable".equals(condition.getReason()))
                .findFirst()
                .map(condition -> new Outcome(null, condition.getMessage()));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while the cluster's scheduler placed the build's shares", null, e);
        }
    }
}
