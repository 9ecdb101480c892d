package io.github.kubemaven.orchestrate;

import io.github.kubemaven.builders.ContainerSession;
import io.github.kubemaven.builders.GoBuildCache;
import io.github.kubemaven.builders.TreeCleanup;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.EngineUnavailableException;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.tree.KubeTree;

/**
 * {@code kube:clean}: this tree's containers, build images, volumes and {@code _output/} folder go, as
 * {@code build/make-clean.sh} removes them; nothing of another tree is touched.
 */
public final class CleanGoal {

    private final Workspace workspace;

    public CleanGoal(Workspace workspace) {
        this.workspace = workspace;
    }

    public void clean() {
        KubeTree tree = workspace.tree();
        try (TreeLock lock = workspace.lock(tree, "kube:clean")) {
            removeEngineState(tree);
            if (OutputFolder.deleteAllBut(tree.root(), TreeLock.fileOf(tree.root()))) {
                workspace.log().info("Removed " + tree.outputRoot());
            }
            lock.deleteFile();
        }
        OutputFolder.deleteIfEmpty(tree.outputRoot());
    }

    /** The shared Go build cache of this tree's build image, which the engine keeps while another tree's build uses it. */
    private void removeGoCache(DockerEngine engine, KubeTree tree, String treeHash) {
        String crossTag = workspace.settings().engine().crossTag() != null ? workspace.settings().engine().crossTag()
                : tree.crossTag().orElse(null);
        if (crossTag == null) {
            workspace.log().warn("kube.cleanCache: the tree has no build/build-image/cross/VERSION, so its shared Go build cache is unknown.");
            return;
        }
        GoBuildCache cache = new GoBuildCache(engine, BuildNames.of(treeHash, tree.buildImageVersion(), crossTag), workspace.log());
        try {
            cache.remove();
        } catch (RuntimeException e) {
            throw new KubeBuildException("The shared Go build cache " + cache.volume() + " could not be removed: " + e.getMessage(),
                    Hints.GO_CACHE_IN_USE, e);
        }
    }

    private void removeEngineState(KubeTree tree) {
        String treeHash = ContainerSession.treeHash(workspace.host(), tree);
        try (DockerEngine engine = workspace.connector().apply(workspace.settings().engine().dockerHost())) {
            engine.serverVersion();
            TreeCleanup.everything(engine, treeHash, workspace.log());
            if (workspace.settings().caches().cleanCache()) {
                removeGoCache(engine, tree, treeHash);
            }
        } catch (EngineUnavailableException e) {
            workspace.log().warn(e.getMessage() + " This tree's containers and images are left alone; _output/ is still removed.");
        }
    }
}
