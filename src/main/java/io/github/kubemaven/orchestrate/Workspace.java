package io.github.kubemaven.orchestrate;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.DockerJavaEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.tree.KubeTree;

import java.util.function.Function;

/**
 * What every goal starts from: its settings, where it reports, how it reaches an engine, and who runs it.
 *
 * @param connector opens the engine at an address (null: DOCKER_HOST and the docker context)
 */
public record Workspace(BuildSettings settings, BuildLog log, Function<String, DockerEngine> connector, HostIdentity host) {

    /** A workspace on real engines, as the current user. */
    public static Workspace of(BuildSettings settings, BuildLog log) {
        return new Workspace(settings, log, DockerJavaEngine::connect, HostIdentity.current());
    }

    /** The same, reporting to another log. */
    Workspace withLog(BuildLog other) {
        return new Workspace(settings, other, connector, host);
    }

    KubeTree tree() {
        return KubeTree.open(settings.root());
    }

    /** Waits for, and takes, the tree's lock; every goal holds it from its first container call to its last. */
    TreeLock lock(KubeTree tree, String purpose) {
        return TreeLock.acquire(tree.root(), purpose, settings.lockTimeout(), log);
    }
}
