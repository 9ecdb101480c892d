package io.github.kubemaven.orchestrate;

import io.github.kubemaven.builders.containers.TreeRun;
import io.github.kubemaven.builders.containers.GoBuildCache;
import io.github.kubemaven.builders.containers.TreeCleanup;
import io.github.kubemaven.config.ClusterAddress;
import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.connect.EngineUnavailableException;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.cluster.KubernetesEngine;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.tree.KubeTree;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kube:clean}: this tree's containers, build images, volumes and {@code _output/} folder go, as
 * {@code build/make-clean.sh} removes them, of every branch built on the engine or of the current one only; nothing of
 * another tree is touched.
 */
public final class CleanGoal {

    private final Workspace workspace;
    private final boolean currentBranchOnly;

    public CleanGoal(Workspace workspace) {
        this(workspace, false);
    }

    /** @param currentBranchOnly leave the engine state of the tree's other branches ({@code kube.cleanBranch}) */
    public CleanGoal(Workspace workspace, boolean currentBranchOnly) {
        this.workspace = workspace;
        this.currentBranchOnly = currentBranchOnly;
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

    /**
     * The shared Go build cache of this tree's build image: removed, or emptied while other trees' data containers
     * mount it, with this tree's build image (or the cross image when the tree has none yet).
     */
    private void removeGoCache(DockerEngine engine, KubeTree tree, String treeHash) {
        String crossTag = workspace.settings().engine().crossTag() != null ? workspace.settings().engine().crossTag()
                : tree.crossTag().orElse(null);
        if (crossTag == null) {
            workspace.log().warn("kube.cleanCache: the tree has no build/build-image/cross/VERSION, so its shared Go build cache is unknown.");
            return;
        }
        BuildNames names = BuildNames.of(treeHash, tree.buildImageVersion(), crossTag);
        GoBuildCache cache = new GoBuildCache(engine, names, workspace.log());
        String image = engine.inspectImage(names.image()).isPresent() ? names.image()
                : Optional.ofNullable(workspace.settings().engine().crossImage()).orElse(tree.dockerfile().defaultCrossImage()) + ":" + crossTag;
        try (ContainerReaper reaper = new ContainerReaper(engine)) {
            cache.remove(image, reaper);
        }
    }

    /**
     * This tree's containers, images and volumes on its engine, on each of kube.engines, or on each node of kube.engine's
     * cluster that can build.
     */
    private void removeEngineState(KubeTree tree) {
        List<String> engines = workspace.settings().engine().engines();
        String address = workspace.settings().engine().dockerHost();
        if (engines.isEmpty()) {
            engines = ClusterAddress.wholeCluster(address).map(KubernetesEngine::nodeAddresses).orElse(Collections.singletonList(address));
        }
        engines.forEach(engine -> removeEngineState(tree, engine));
    }

    private void removeEngineState(KubeTree tree, String address) {
        String treeHash = TreeRun.treeHash(workspace.host(), tree);
        try (DockerEngine engine = workspace.connector().apply(address)) {
            engine.serverVersion();
            engine.openRun(Map.of(BuildNames.TREE_LABEL, treeHash));
            if (workspace.settings().caches().cleanCache()) {
                removeGoCache(engine, tree, treeHash);
            }
            List<String> branches = currentBranchOnly ? List.of(treeHash)
                    : TreeCleanup.branchesOf(engine, treeHash, tree.root(), workspace.host());
            for (String branch : branches) {
                TreeCleanup.everything(engine, branch, workspace.log());
            }
            TreeCleanup.unusedLayerStores(engine, workspace.host(), branches, !currentBranchOnly, workspace.log());
        } catch (EngineUnavailableException e) {
            workspace.log().warn(e.getMessage() + " This tree's containers and images are left alone; _output/ is still removed.");
        }
    }
}
