package io.github.kubemaven.orchestrate;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.ClusterAddress;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.DockerJavaEngine;
import io.github.kubemaven.engine.EngineGlance;
import io.github.kubemaven.engine.UnixSocketGlance;
import io.github.kubemaven.engine.cluster.KubernetesEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.tree.KubeTree;

import java.util.Optional;
import java.util.function.Function;

/**
 * What every goal starts from: its settings, where it reports, how it reaches an engine, and who runs it.
 *
 * @param connector opens the engine at an address (null: DOCKER_HOST and the docker context)
 * @param glances   a glance at the engine at an address, where one can be had without the engine client
 */
public record Workspace(BuildSettings settings, BuildLog log, Function<String, DockerEngine> connector, HostIdentity host,
                        Function<String, Optional<EngineGlance>> glances) {

    /** A workspace whose engines are reached through {@code connector} alone. */
    public Workspace(BuildSettings settings, BuildLog log, Function<String, DockerEngine> connector, HostIdentity host) {
        this(settings, log, connector, host, address -> Optional.empty());
    }

    /** A workspace on real engines, as the current user. */
    public static Workspace of(BuildSettings settings, BuildLog log) {
        return new Workspace(settings, log, Workspace::connect, HostIdentity.current(), UnixSocketGlance::at);
    }

    /**
     * The engine at {@code address}: kube.engine's cluster in its long form, a Docker engine's address, or null for
     * DOCKER_HOST and the docker context.
     */
    private static DockerEngine connect(String address) {
        if (ClusterAddress.names(address)) {
            return KubernetesEngine.connect(ClusterAddress.parse(address), node -> DockerJavaEngine.connect(node,
                    "the node's annotation " + KubernetesEngine.DOCKER_HOST_ANNOTATION));
        }
        return DockerJavaEngine.connect(address);
    }

    /** The same, reporting to another log. */
    Workspace withLog(BuildLog other) {
        return new Workspace(settings, other, connector, host, glances);
    }

    /** The same, with other settings. */
    Workspace withSettings(BuildSettings other) {
        return new Workspace(other, log, connector, host, glances);
    }

    KubeTree tree() {
        return KubeTree.open(settings.root());
    }

    /** Waits for, and takes, the tree's lock; every goal holds it from its first container call to its last. */
    TreeLock lock(KubeTree tree, String purpose) {
        return TreeLock.acquire(tree.root(), purpose, settings.lockTimeout(), log);
    }
}
