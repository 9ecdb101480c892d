package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.naming.BuildNames;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes what belongs to one tree on an engine, found by the tree's label: never anything of another tree.
 */
public final class TreeCleanup {

    private final DockerEngine engine;
    private final BuildNames names;
    private final BuildLog log;

    public TreeCleanup(DockerEngine engine, BuildNames names, BuildLog log) {
        this.engine = engine;
        this.names = names;
        this.log = log;
    }

    /**
     * Removes the containers a dead run of this tree left behind. Called only under the tree's lock,
     * so no live run owns them.
     */
    public void leftoversOfDeadRuns() {
        for (ContainerState container : engine.listContainers(names.treeFilter())) {
            if (leftByARun(container.labels())) {
                log.info("Removing container " + container.name() + ", left by an earlier run that did not end");
                engine.removeContainer(container.id());
            }
        }
    }

    /**
     * Whether a container with these labels is one a run starts and removes: an rsync or a build container, one that
     * seeds or prepares the build volumes, or the one that makes a release build's Go build cache.
     */
    public static boolean leftByARun(Map<String, String> labels) {
        String role = labels.get(BuildNames.ROLE_LABEL);
        return "rsync".equals(role) || "build".equals(role) || "seed".equals(role) || FreshGoCache.ROLE.equals(role);
    }

    /**
     * Removes containers, volumes and images of this tree that belong to another build-image version.
     *
     * @return whether a volume went, which may leave a store of volume layers unused
     */
    public boolean olderVersions() {
        boolean volumesRemoved = false;
        for (ContainerState container : engine.listContainers(names.treeFilter())) {
            if (!names.version().equals(container.labels().get(BuildNames.VERSION_LABEL))) {
                log.info("Removing container " + container.name() + " of an older build-image version");
                engine.removeContainer(container.id());
            }
        }
        for (String volume : engine.listVolumes(names.treeFilter())) {
            if (!volume.startsWith(names.dataContainer() + "-")) {
                engine.removeVolume(volume);
                volumesRemoved = true;
            }
        }
        for (String image : engine.listImages(names.treeFilter())) {
            if (!image.equals(names.image())) {
                log.info("Removing image " + image + " of an older build-image version");
                engine.removeImage(image);
            }
        }
        return volumesRemoved;
    }

    /**
     * Removes the host's stores of volume layers that no build volume uses any longer (what is left when the last
     * volumes of a build-image version were cleaned; those marked as unusable on the engine only when
     * {@code evenUnusable}), and from the others the folders of the removed volumes of {@code cleanedTrees} (tree
     * hashes). Called under the lock of the checkout whose trees those are.
     */
    public static void unusedLayerStores(DockerEngine engine, HostIdentity host, List<String> cleanedTrees, boolean evenUnusable, BuildLog log) {
        said(log, "volumes", LayerStore.removeUnused(engine, host, cleanedTrees, evenUnusable, log));
    }

    /**
     * Removes every container, volume and image of one branch of a tree ({@code treeHash}), whatever its version
     * ({@code build/make-clean.sh}), and says in one line per kind what went.
     */
    public static void everything(DockerEngine engine, String treeHash, BuildLog log) {
        var filter = Map.of(BuildNames.TREE_LABEL, treeHash);
        List<String> containers = new ArrayList<>();
        for (ContainerState container : engine.listContainers(filter)) {
            engine.removeContainer(container.id());
            containers.add(container.name());
        }
        engine.removeRunObjects(filter);
        List<String> volumes = engine.listVolumes(filter);
        volumes.forEach(engine::removeVolume);
        List<String> images = engine.listImages(filter);
        images.forEach(engine::removeImage);
        said(log, "containers", containers);
        said(log, "volumes", volumes);
        said(log, "images", images);
    }

    private static void said(BuildLog log, String kind, List<String> removed) {
        if (!removed.isEmpty()) {
            log.info("Removed " + kind + " " + String.join(", ", removed));
        }
    }

    /**
     * The tree hashes of every branch of the tree at {@code root} on this host that has a data container on the engine,
     * {@code current} first: found by the root and host labels of data containers, so that no other tree's state is
     * among them.
     */
    public static List<String> branchesOf(DockerEngine engine, String current, Path root, HostIdentity host) {
        Set<String> hashes = new LinkedHashSet<>(List.of(current));
        Map<String, String> filter = Map.of(BuildNames.ROOT_LABEL, root.toString(), BuildNames.HOST_LABEL, host.hostname());
        for (ContainerState container : engine.listContainers(filter)) {
            String hash = container.labels().get(BuildNames.TREE_LABEL);
            if (hash != null && root.toString().equals(container.labels().get(BuildNames.ROOT_LABEL))
                    && host.hostname().equals(container.labels().get(BuildNames.HOST_LABEL))) {
                hashes.add(hash);
            }
        }
        return List.copyOf(hashes);
    }
}
