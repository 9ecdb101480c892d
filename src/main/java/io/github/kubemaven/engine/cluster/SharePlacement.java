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
import java.util.Set;
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
     * What the shares of a build ask the scheduler for.
     *
     * @param shares      how many shares there are at most (the platforms)
     * @param cpuNanos    what a build pod asks for of CPU, in billionths of a CPU, or null
     * @param memoryBytes what a build pod asks for of memory, or null
     * @param homeNodes   the nodes that built the platforms last, where their state is: preferred
     * @param treeLabels  the tree's labels, as its container records have them
     */
    public record Request(int shares, Long cpuNanos, Long memoryBytes, Set<String> homeNodes, Map<String, String> treeLabels) {
        public Request {
            homeNodes = Set.copyOf(homeNodes);
            treeLabels = Map.copyOf(treeLabels);
        }
    }

    /**
     * The nodes to build on and what to say about them.
     *
     * @param addresses the nodes' addresses, each once: those the scheduler chose first, in order of their names
     * @param said      what the run should log about the choice, or null for nothing
     */
    public record Choice(List<String> addresses, String said) {
    }

    /**
     * Where the shares of {@code request} go on the cluster at {@code address}: the nodes the scheduler binds a probe
     * to; with {@code spares}, the other nodes that can build come after them, for shares that fail to start. When the
     * scheduler places no probe (the cluster is full for now), every node that can build is used and the pods wait for
     * room as any pod does.
     */
    public static Choice nodes(ClusterAddress address, Request request, boolean spares) {
        Config config = KubernetesEngine.configFor(address);
        String namespace = KubernetesEngine.namespaceOf(address, config);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            List<String> nodes = KubernetesEngine.buildNodes(client, address).stream().map(node -> node.getMetadata().getName()).toList();
            if (request.shares() < 2 || nodes.size() < 2) {
                return new Choice(addressesOf(address, nodes), null);
            }
            String placement = "kube-mvn-place-" + Hashing.sha256(UUID.randomUUID().toString()).substring(0, 10);
            List<Outcome> outcomes = placed(client, namespace, placement, Math.min(request.shares(), nodes.size()), request, nodes);
            TreeSet<String> chosen = new TreeSet<>();
            outcomes.stream().filter(outcome -> outcome.node() != null).forEach(outcome -> chosen.add(outcome.node()));
            if (chosen.isEmpty()) {
                return new Choice(addressesOf(address, nodes), "The scheduler of " + address + " has no room for a share of the build now ("
                        + outcomes.get(0).reason() + "): the shares go to every node that can build, and wait for room there");
            }
            List<String> ordered = new ArrayList<>(chosen);
            if (spares) {
                nodes.stream().filter(node -> !chosen.contains(node)).forEach(ordered::add);
            }
            return new Choice(addressesOf(address, ordered), "The scheduler of " + address + " places the build's shares on "
                    + String.join(", ", addressesOf(address, List.copyOf(chosen))));
        } catch (KubernetesClientException e) {
            throw new KubeBuildException("The cluster " + address + " refused the pods that ask its scheduler where the build's shares go: "
                    + KubernetesEngine.reason(e), hintFor(e), e);
        }
    }

    /** The permissions the plugin needs where the cluster's access control refused, nothing beside the cluster's own words else. */
    private static String hintFor(KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
            return KubernetesEngine.reason(e).contains(" cannot ") ? Hints.CLUSTER_PERMISSIONS : null;
        }
        return Hints.CLUSTER_UNREACHABLE;
    }

    private static List<String> addressesOf(ClusterAddress address, List<String> nodes) {
        return nodes.stream().map(node -> address.onNode(node).toString()).toList();
    }

    /** Where the scheduler put a probe: its node, or null and why not. */
    record Outcome(String node, String reason) {
    }

    /**
     * Each probe's outcome. The probes are gone when it returns, also when the run is stopped meanwhile (a shutdown
     * hook deletes them); those of a killed run are removed by the tree's next run.
     */
    private static List<Outcome> placed(KubernetesClient client, String namespace, String placement, int probes, Request request,
                                        List<String> nodes) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        Runnable removal = () -> client.pods().inNamespace(namespace).withLabel(PodSpecs.PLACEMENT_LABEL, placement).withGracePeriod(0).delete();
        Thread onExit = new Thread(removal, "kube-maven-placement-removal");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            for (int i = 0; i < probes; i++) {
                String name = placement + "-" + i;
                client.pods().inNamespace(namespace).resource(PodSpecs.placementProbe(name, placement, request, nodes)).create();
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
            // an interrupted thread's request would fail at once
            boolean interrupted = Thread.interrupted();
            try {
                removal.run();
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs the removal
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
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
