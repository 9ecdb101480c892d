package io.github.kubemaven.orchestrate;

import io.github.kubemaven.builders.ContainerSession;
import io.github.kubemaven.builders.TreeCleanup;
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

    private void removeEngineState(KubeTree tree) {
        String treeHash = ContainerSession.treeHash(workspace.host(), tree);
        try (DockerEngine engine = workspace.connector().apply(workspace.settings().engine().dockerHost())) {
            engine.serverVersion();
            TreeCleanup.everything(engine, treeHash, workspace.log());
        } catch (EngineUnavailableException e) {
            workspace.log().warn(e.getMessage() + " This tree's containers and images are left alone; _output/ is still removed.");
        }
    }
}
