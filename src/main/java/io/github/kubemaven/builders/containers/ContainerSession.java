package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.version.VersionDefs;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What every container of one run shares: the engine, the tree's names on it, the build image, the command's
 * environment and version stamp, and the reaper that removes what the run started. Opened under the tree's lock, by
 * {@link SessionOpener}.
 */
public final class ContainerSession implements AutoCloseable {

    /**
     * What a session is opened with.
     *
     * @param imageId      what the up-to-date records know the build image by
     * @param helperImage  the image of the containers that only move files (data, rsync, seed): the cross image, which
     *                     is there before the build image is built
     * @param imageBuild   makes the build image current (builds it, or pulls it from kube.registry) with the labels it is
     *                     given beside the tree's, or null when it is current
     * @param buildCpus    the CPU limit of build containers in billionths of a CPU, or null for none
     * @param buildMemory  the memory limit of build containers in bytes, or null for none
     * @param crossImageId the id of the cross image the build image is made from, or null when no image was prepared
     * @param freshGoCache the build commands take an empty Go build cache of their own (see {@link FreshGoCache})
     */
    record Setup(Path root, BuildNames names, HostIdentity host, String imageId, Map<String, String> environment, VersionDefs versionDefs,
                 Long sourceDateEpoch, String helperImage, Consumer<Map<String, String>> imageBuild, Long buildCpus, Long buildMemory, String crossImageId, boolean freshGoCache) {

        Setup {
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        }
    }

    private final DockerEngine engine;
    private final Setup setup;
    private final ContainerReaper reaper;
    private final BuildLog log;
    private CompletableFuture<Void> imageReady;
    private String helperImage;
    private Boolean helperHasRsync;
    /** Whether the cross image holds rsync, once asked: the build image carries the answer for the next checkout. */
    private Boolean crossHasRsync;

    ContainerSession(DockerEngine engine, Setup setup, BuildLog log) {
        this.engine = engine;
        this.setup = setup;
        this.reaper = new ContainerReaper(engine);
        this.reaper.reportInterruptionTo(log::warn);
        this.log = log;
        this.helperImage = setup.helperImage();
    }

    /** The image of the containers that only move files: data, rsync and seed containers. */
    public synchronized String helperImage() {
        return helperImage;
    }

    /** Whether {@link #helperImage} holds rsync, without which files reach a build volume no other way. */
    public synchronized boolean helperImageHasRsync() {
        if (helperHasRsync == null) {
            helperHasRsync = RsyncInImage.present(engine, reaper, setup.names(), helperImage, setup.root(), log);
            if (setup.crossImageId() != null) {
                crossHasRsync = helperHasRsync;
            }
        }
        return helperHasRsync;
    }

    /**
     * Makes the data, rsync and seed containers run an image that adds this machine's rsync to {@link #helperImage},
     * when that has none; says so in the log. A session that only reads what a build left takes the image of the
     * tree's data container where that has rsync.
     */
    public synchronized void addRsyncToHelperImage() {
        if (helperImageHasRsync()) {
            return;
        }
        String base = helperImage;
        Optional<String> dataImage = setup.crossImageId() != null ? Optional.empty()
                : engine.inspectContainer(setup.names().dataContainer()).map(ContainerState::image)
                        .filter(image -> RsyncInImage.present(engine, reaper, setup.names(), image, setup.root(), log));
        helperImage = dataImage.orElseGet(() -> new HostRsyncImage(engine, reaper, setup.names(),
                setup.root().resolve(OutputFolder.PLUGIN_FOLDER).resolve("images"), log).ensure(base));
        helperHasRsync = true;
        log.info("The image " + base + " has no rsync: the data, rsync and seed containers run " + helperImage
                + ", which adds this machine's rsync to it.");
    }

    /**
     * Starts building the build image when it is not current, beside the file moves that need only the helper image;
     * at most once.
     */
    public synchronized void startImage() {
        if (imageReady == null) {
            Map<String, String> labels = crossHasRsync == null ? Map.of() : RsyncInImage.answerLabel(setup.crossImageId(), crossHasRsync);
            imageReady = setup.imageBuild() == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> setup.imageBuild().accept(labels));
        }
    }

    /** Waits until the build image is current, building it first when nobody started that. */
    public void awaitImage() {
        startImage();
        Futures.awaited(imageReady);
    }

    public Path root() {
        return setup.root();
    }

    public DockerEngine engine() {
        return engine;
    }

    public BuildNames names() {
        return setup.names();
    }

    public HostIdentity host() {
        return setup.host();
    }

    /**
     * The uid:gid the containers run as and own the volumes' files by: the host's user, so that what comes back to the
     * tree is the user's; on a rootless engine root, which is that user there (as upstream's build/common.sh gives a
     * rootless engine no --user).
     */
    public String userInContainers() {
        return engine.rootless() ? "0:0" : setup.host().user();
    }

    /** The build command's environment. */
    public Map<String, String> environment() {
        return setup.environment();
    }

    /**
     * What the binaries this session brings out are built from, for packaging them later.
     *
     * @param bind whether the build container mounts the tree itself, and so its Go build cache in {@code _output/}
     */
    public BuiltState builtState(boolean bind) {
        String imageId = setup.imageId();
        String buildContext = imageId.startsWith(TreeRun.CONTEXT) ? imageId.substring(TreeRun.CONTEXT.length()) : null;
        return new BuiltState(setup.versionDefs(), setup.sourceDateEpoch(), BuiltState.flagsOf(setup.environment()), buildContext,
                setup.crossImageId() == null ? null : setup.helperImage(), setup.crossImageId(),
                TreeRun.goCacheOf(setup.names(), bind, setup.freshGoCache()));
    }

    /** Whether build commands take an empty Go build cache of their own instead of the shared one. */
    public boolean freshGoCache() {
        return setup.freshGoCache();
    }

    public VersionDefs versionDefs() {
        return setup.versionDefs();
    }

    public Long sourceDateEpoch() {
        return setup.sourceDateEpoch();
    }

    /** Where the build container's binaries land in the tree: {@code _output/dockerized/bin}. */
    public Path binaryFolder() {
        return TreeRun.binaryFolderOf(setup.root());
    }

    /** The up-to-date key of {@code command} run in this session's build image the way {@code sync} names. */
    public String recordKey(String sync, List<String> command) {
        return TreeRun.recordKey(setup.imageId(), sync, setup.freshGoCache(), command, setup.environment(), setup.versionDefs());
    }

    /** The CPU limit of build containers, in billionths of a CPU; null for none. */
    Long buildCpus() {
        return setup.buildCpus();
    }

    Long buildMemory() {
        return setup.buildMemory();
    }

    public ContainerReaper reaper() {
        return reaper;
    }

    public BuildLog log() {
        return log;
    }

    @Override
    public void close() {
        CompletableFuture<Void> building = imageReady;
        if (building != null && !reaper.stopping()) {
            building.exceptionally(failure -> null).join();
        }
        try {
            reaper.close();
        } finally {
            engine.close();
        }
    }
}
