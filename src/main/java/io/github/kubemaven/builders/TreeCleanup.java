package io.github.kubemaven.builders;

import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.naming.BuildNames;

import java.util.Map;

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
     * Whether a container with these labels is one a run starts and removes: an rsync or a build container, or the one
     * that makes a release build's Go build cache.
     */
    static boolean leftByARun(Map<String, String> labels) {
        String role = labels.get(BuildNames.ROLE_LABEL);
        return "rsync".equals(role) || "build".equals(role) || FreshGoCache.ROLE.equals(role);
    }

    /** Removes containers, volumes and images of this tree that belong to another build-image version. */
    public void olderVersions() {
        for (ContainerState container : engine.listContainers(names.treeFilter())) {
            if (!names.version().equals(container.labels().get(BuildNames.VERSION_LABEL))) {
                log.info("Removing container " + container.name() + " of an older build-image version");
                engine.removeContainer(container.id());
            }
        }
        for (String volume : engine.listVolumes(names.treeFilter())) {
            if (!volume.startsWith(names.dataContainer() + "-")) {
                engine.removeVolume(volume);
            }
        }
        for (String image : engine.listImages(names.treeFilter())) {
            if (!image.equals(names.image())) {
                log.info("Removing image " + image + " of an older build-image version");
                engine.removeImage(image);
            }
        }
    }

    /** Removes every container, volume and image of this tree, whatever its version ({@code build/make-clean.sh}). */
    public static void everything(DockerEngine engine, String treeHash, BuildLog log) {
        var filter = Map.of(BuildNames.TREE_LABEL, treeHash);
        for (ContainerState container : engine.listContainers(filter)) {
            log.info("Removing container " + container.name());
            engine.removeContainer(container.id());
        }
        for (String volume : engine.listVolumes(filter)) {
            log.info("Removing volume " + volume);
            engine.removeVolume(volume);
        }
        for (String image : engine.listImages(filter)) {
            log.info("Removing image " + image);
            engine.removeImage(image);
        }
    }
}
