package io.github.kubemaven.engine.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.KubeBuildException;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The object that owns the pods one run starts on one node (a ConfigMap labelled with the tree and the node): made with
 * the run's first pod, deleted when the run ends, so that the cluster's garbage collector deletes any pod of the run
 * still there; what a killed run left is removed by the tree's next run on the node.
 */
final class RunOwner {

    private final KubernetesClient client;
    private final String namespace;
    private final String node;
    private final Function<KubernetesClientException, String> reason;
    private final Object lock = new Object();
    private Map<String, String> treeLabels = Map.of();
    private ConfigMap owner;
    private boolean ended;

    RunOwner(KubernetesClient client, String namespace, String node, Function<KubernetesClientException, String> reason) {
        this.client = client;
        this.namespace = namespace;
        this.node = node;
        this.reason = reason;
    }

    /** The run is one of the tree {@code labels} name: removes the owners its earlier runs on the node left. */
    void open(Map<String, String> labels) {
        removeLeftovers(labels);
        synchronized (lock) {
            treeLabels = Map.copyOf(labels);
        }
    }

    /**
     * Removes the owners of the tree {@code labels} name on the node, and with them their pods; and the tree's placement
     * probes a killed run left.
     */
    void removeLeftovers(Map<String, String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no tree named: every tree's owners would match");
        }
        try {
            client.configMaps().inNamespace(namespace).withLabels(PodSpecs.ownerSelector(labels, node))
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            client.pods().inNamespace(namespace).withLabels(PodSpecs.clusterLabels(labels)).withLabel(PodSpecs.PLACEMENT_LABEL)
                    .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            throw refused("did not remove the owner objects of earlier runs", e);
        }
    }

    /** The owner, made now unless it is there already. */
    ConfigMap get() {
        String name = "kube-mvn-run-" + Hashing.sha256(UUID.randomUUID() + "@" + node).substring(0, 16);
        ConfigMap made;
        synchronized (lock) {
            if (owner != null) {
                return owner;
            }
            if (ended) {
                throw new KubeBuildException("The run on node " + node + " has ended: no further pod starts.", null);
            }
            made = PodSpecs.owner(name, treeLabels, node, ProcessHandle.current().pid() + "@" + HostIdentity.thisHostname());
        }
        ConfigMap created;
        try {
            created = client.configMaps().inNamespace(namespace).resource(made).create();
        } catch (KubernetesClientException e) {
            throw refused("refused the run's owner object " + name, e);
        }
        synchronized (lock) {
            if (owner == null && !ended) {
                owner = created;
                return owner;
            }
        }
        delete(created);
        return get();
    }

    /** Deletes the owner; a cluster that does not answer now keeps it until the tree's next run here removes it. */
    void end() {
        ConfigMap ending;
        synchronized (lock) {
            ended = true;
            ending = owner;
            owner = null;
        }
        if (ending != null) {
            delete(ending);
        }
    }

    private void delete(ConfigMap object) {
        try {
            client.configMaps().inNamespace(namespace).withName(object.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            // left for the tree's next run on this node
        }
    }

    private KubeBuildException refused(String what, KubernetesClientException e) {
        String hint = e.getCode() == HttpURLConnection.HTTP_FORBIDDEN ? Hints.CLUSTER_PERMISSIONS : Hints.CLUSTER_UNREACHABLE;
        return new KubeBuildException("The cluster (namespace " + namespace + ") " + what + ": " + reason.apply(e), hint, e);
    }
}
