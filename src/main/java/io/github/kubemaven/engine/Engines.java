package io.github.kubemaven.engine;

import io.github.kubemaven.config.ClusterAddress;
import io.github.kubemaven.engine.cluster.KubernetesEngine;

/** Opens the engine an address names: a Kubernetes cluster ({@link ClusterAddress}) or a Docker engine. */
public final class Engines {

    private Engines() {
    }

    /**
     * The engine at {@code address}: kube.engine's cluster in its long form, a Docker engine's address, or null for
     * DOCKER_HOST and the docker context.
     */
    public static DockerEngine connect(String address) {
        if (ClusterAddress.names(address)) {
            return KubernetesEngine.connect(ClusterAddress.parse(address), node -> DockerJavaEngine.connect(node,
                    "the node's annotation " + KubernetesEngine.DOCKER_HOST_ANNOTATION));
        }
        return DockerJavaEngine.connect(address);
    }
}
