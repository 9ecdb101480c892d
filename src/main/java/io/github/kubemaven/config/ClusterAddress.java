package io.github.kubemaven.config;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Kubernetes cluster as the engine, as {@code kube.engine} names it: {@code kubernetes} (the kubeconfig's current
 * context and its namespace) or {@code k8s://[context][/namespace][?node=NAME]}. The kubeconfig is found as kubectl
 * finds it.
 *
 * @param context   the kubeconfig context, or null for its current one
 * @param namespace the namespace, or null for the context's own (default: {@code default})
 * @param node      the node to build on, or null for any that can
 */
public record ClusterAddress(String context, String namespace, String node) {

    public static final String SCHEME = "k8s://";
    public static final String SHORT_FORM = "kubernetes";
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern CONTEXT = Pattern.compile("[^\\s/?]+");
    private static final Pattern NODE = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final String NODE_QUERY = "?node=";

    /** Whether {@code address} names a cluster rather than a Docker engine. */
    public static boolean names(String address) {
        return address != null && (address.equals(SHORT_FORM) || address.startsWith(SCHEME));
    }

    /** The cluster {@code address} names when it names one and leaves the node open; empty otherwise. */
    public static Optional<ClusterAddress> wholeCluster(String address) {
        return names(address) ? Optional.of(parse(address)).filter(cluster -> cluster.node() == null) : Optional.empty();
    }

    /** Reads {@code address} (see {@link #names}); fails in one line that names the part at fault. */
    public static ClusterAddress parse(String address) {
        if (address.equals(SHORT_FORM)) {
            return new ClusterAddress(null, null, null);
        }
        if (!address.startsWith(SCHEME)) {
            throw new KubeBuildException("kube.engine is '" + address + "', which names no cluster.", Hints.CLUSTER_ADDRESS);
        }
        String rest = address.substring(SCHEME.length());
        String node = null;
        int query = rest.indexOf('?');
        if (query >= 0) {
            if (!rest.startsWith(NODE_QUERY, query) || !NODE.matcher(rest.substring(query + NODE_QUERY.length())).matches()) {
                throw new KubeBuildException("kube.engine is '" + address + "': '" + rest.substring(query)
                        + "' names no node (?node=NAME).", Hints.CLUSTER_ADDRESS);
            }
            node = rest.substring(query + NODE_QUERY.length());
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        String context = slash < 0 ? rest : rest.substring(0, slash);
        String namespace = slash < 0 ? "" : rest.substring(slash + 1);
        if (!context.isEmpty() && !CONTEXT.matcher(context).matches()) {
            throw new KubeBuildException("kube.engine is '" + address + "': '" + context + "' is no kubeconfig context name.",
                    Hints.CLUSTER_ADDRESS);
        }
        if (!namespace.isEmpty() && !NAMESPACE.matcher(namespace).matches()) {
            throw new KubeBuildException("kube.engine is '" + address + "': '" + namespace + "' is no namespace name "
                    + "(lower-case letters, digits and '-', at most 63).", Hints.CLUSTER_ADDRESS);
        }
        return new ClusterAddress(context.isEmpty() ? null : context, namespace.isEmpty() ? null : namespace, node);
    }

    /** The same cluster, building on {@code name} alone. */
    public ClusterAddress onNode(String name) {
        return new ClusterAddress(context, namespace, name);
    }

    /** The address in its long form, for messages and as the engine address the connector reads. */
    @Override
    public String toString() {
        return SCHEME + (context == null ? "" : context) + (namespace == null ? "" : "/" + namespace)
                + (node == null ? "" : NODE_QUERY + node);
    }
}
