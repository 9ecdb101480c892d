package io.github.kubemaven.orchestrate;

import io.github.kubemaven.builders.RsyncPipelineBuilder;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.tree.BinaryFolders;
import io.github.kubemaven.tree.KubeTree;

/**
 * {@code kube:copy-output}: binaries and generated files out of the build volume, as {@code build/copy-output.sh}
 * brings them.
 */
public final class CopyOutputGoal {

    private final Workspace workspace;

    public CopyOutputGoal(Workspace workspace) {
        this.workspace = workspace;
    }

    public void copyOutput() {
        if (workspace.settings().sync().bind()) {
            workspace.log().info("With kube.sync=bind the build writes straight into the tree; there is nothing to copy.");
            return;
        }
        KubeTree tree = workspace.tree();
        try (TreeLock lock = workspace.lock(tree, "kube:copy-output");
             RsyncPipelineBuilder builder = new BuilderChoice(workspace, tree).openExisting(new PhaseTimer(workspace.log()))) {
            if (builder == null) {
                return;
            }
            BinaryFolders before = BinaryFolders.take(tree.root());
            builder.copyOutput();
            BinaryFolders.take(tree.root()).madeSince(before).forEach(workspace.log()::info);
        }
    }
}
