package io.github.kubemaven.builders.containers;

import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.config.CacheSettings;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LineSplitter;
import io.github.kubemaven.ground.TailLines;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.tree.TreeSnapshot;
import io.github.kubemaven.transport.SentRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data container and its named volumes, which keep the tree's copy, make's state and the compiled standard
 * library between runs; and whether the last run that wrote them ended by itself. Owned by the host's user: only the
 * volumes are chowned, since the build containers see the data container's volumes and nothing of its own layer.
 */
public final class BuildVolume {

    /**
     * The folders under GOROOT/pkg, one per platform, that keep the standard library compiled with cgo: volumes of the
     * data container, as upstream has them.
     */
    public static final List<String> GO_PKG_CACHES = List.of("linux_386_cgo", "linux_amd64_cgo", "linux_arm_cgo",
            "linux_arm64_cgo", "linux_ppc64le_cgo", "darwin_amd64_cgo", "darwin_386_cgo", "windows_amd64_cgo",
            "windows_386_cgo");

    private final ContainerSession session;
    private final DockerEngine engine;
    private final BuildNames names;
    private final BuildLog log;
    private final GoBuildCache goCache;
    private final CacheSettings.Seed seed;
    private boolean fresh;
    /** The generated files the seeding of this run listed in the new source volume, until the first sync-in takes them. */
    private Optional<List<String>> generatedAfterSeeding = Optional.empty();
    /** The checkout's store of volume layers, when the engine mounts its volumes as overlays. */
    private Optional<LayerStore> layers = Optional.empty();
    /** The data container's ID on its engine, once found or made: what the tree's records of its volumes are kept by. */
    private String containerId;

    /** @param seed where a new volume may be filled from */
    public BuildVolume(ContainerSession session, CacheSettings.Seed seed) {
        this.session = session;
        this.seed = seed;
        this.engine = session.engine();
        this.names = session.names();
        this.log = session.log();
        this.goCache = new GoBuildCache(engine, names, log);
    }

    /** The data container, whose volumes other containers mount. */
    public String container() {
        return names.dataContainer();
    }

    /** Whether the data container exists and exited cleanly, so the volumes hold a previous run's state. */
    public boolean usable() {
        Optional<ContainerState> existing = engine.inspectContainer(names.dataContainer()).filter(BuildVolume::endedCleanly);
        existing.ifPresent(container -> containerId = container.id());
        return existing.isPresent();
    }

    /**
     * What the tree's records of this volume are named by: the data container's name and its ID on the engine, so that
     * another engine's container of the same name, or one made anew, never passes for it.
     */
    static String recordKey(String dataContainer, String containerId) {
        return dataContainer + "@" + containerId.substring(0, Math.min(12, containerId.length()));
    }

    /** The data container's ID on the engine, once found or made. */
    String containerId() {
        return requireKnown();
    }

    /** What the tree's records of this volume are named by. */
    String recordKey() {
        return recordKey(names.dataContainer(), requireKnown());
    }

    /** Where the tree keeps what its last sync-in into this volume sent. */
    Path sentRecord() {
        return SentRecord.fileOf(session.root(), recordKey());
    }

    private VolumeState state() {
        return VolumeState.of(session.root(), recordKey());
    }

    private String requireKnown() {
        if (containerId == null) {
            throw new IllegalStateException("the data container " + names.dataContainer() + " was neither found nor made");
        }
        return containerId;
    }

    /** Whether the volumes were made by this run and hold nothing yet. */
    public boolean fresh() {
        return fresh;
    }

    /**
     * The generated files the source volume holds, as the seeding of this run listed them; empty when the volume was not
     * seeded in this run. Given once: the sync-in right after the seeding takes them, before any command writes the volume.
     */
    Optional<List<String>> takeGeneratedListedAtSeeding() {
        Optional<List<String>> listed = generatedAfterSeeding;
        generatedAfterSeeding = Optional.empty();
        return listed;
    }

    /**
     * Reuses the data container when it exited 0; otherwise makes it anew with fresh volumes, filled from a seed when
     * there is one (see {@link VolumeSeed}; the one nearest to {@code sources}, the tree to be sent in, when known),
     * beside the shared Go build cache (see {@link GoBuildCache}).
     */
    public void ensure(TreeSnapshot sources) {
        Optional<ContainerState> existing = engine.inspectContainer(names.dataContainer());
        if (existing.filter(BuildVolume::endedCleanly).isPresent()) {
            if (LayerStore.mountable(engine, sourceVolume())) {
                containerId = existing.get().id();
                log.info("Reusing data container " + names.dataContainer());
                return;
            }
            log.info("The build volumes of " + names.dataContainer() + " are overlays this engine cannot mount; making them anew");
            engine.removeContainer(names.dataContainer());
        } else if (existing.isPresent()) {
            log.info("Data container " + names.dataContainer() + " did not end cleanly; making it anew");
            engine.removeContainer(names.dataContainer());
        }
        goCache.ensure();
        layers = LayerStore.open(session);
        try {
            make(sources);
        } catch (KubeBuildException e) {
            throw e;
        } catch (RuntimeException e) {
            if (layers.isEmpty() || !LayerStore.isMountFailure(e, volumes().keySet())) {
                throw e;
            }
            String cause = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            engine.removeContainer(names.dataContainer());
            if (layers.get().intact()) {
                log.warn("The engine could not mount the build volumes as overlays (" + cause
                        + "); the build volumes of this host's checkouts are plain volumes on it from now on.");
                layers.get().markUnusable();
            } else {
                log.info("The store of layers went while the build volumes were made in it (" + cause + "); they are plain volumes this time");
            }
            layers = Optional.empty();
            make(sources);
        }
    }

    /** Makes the volumes anew, fills them from a seed when there is one, and makes the data container over them. */
    private void make(TreeSnapshot sources) {
        newVolumes();
        VolumeSeed filler = new VolumeSeed(session, seed, layers.filter(store -> store.holdsAll(volumes().keySet())));
        Optional<VolumeSeed.Seeded> seeded;
        try {
            seeded = filler.fill(volumes(), sources);
        } catch (KubeBuildException e) {
            log.warn(e.getMessage() + "; the new build volume starts empty.");
            newVolumes();
            seeded = Optional.empty();
        }
        fresh = seeded.isEmpty();
        log.info("Creating data container " + names.dataContainer());
        List<String> command = new ArrayList<>(List.of("chown", session.userInContainers(), GoBuildCache.PATH));
        for (String folder = GoBuildCache.PATH; !folder.equals(MakeEnvironment.REMOTE_ROOT); ) {
            folder = folder.substring(0, folder.lastIndexOf('/'));
            command.add(folder);
        }
        ContainerSpec.Builder spec = ContainerSpec.builder(names.dataContainer(), session.helperImage())
                .hostname(session.host().hostname())
                .labels(filler.labels());
        volumes().forEach((volume, purpose) -> {
            String path = mountPath(purpose);
            spec.volume(volume, path);
            if (!path.equals(MakeEnvironment.REMOTE_ROOT)) {
                command.add(path);
            }
        });
        spec.volume(goCache.volume(), GoBuildCache.PATH);
        ContainerSpec dataContainer = spec.command(command).build();
        String id = engine.createContainer(dataContainer);
        session.reaper().track(id, dataContainer.name());
        containerId = id;
        seeded.map(VolumeSeed.Seeded::sentRecord).ifPresent(this::sentAsSeed);
        if (seeded.filter(VolumeSeed.Seeded::anotherTreesWork).isPresent()) {
            state().seededElsewhere();
        }
        seeded.ifPresent(seed -> state().carried(seed.tidied().carried()));
        generatedAfterSeeding = seeded.map(seed -> seed.tidied().generated());
        LineSplitter output = new LineSplitter(log::output, TailLines.SHOWN);
        int exitCode = engine.runAttached(id, null, output);
        output.flush();
        session.reaper().release(id);
        if (exitCode != 0) {
            throw new KubeBuildException("The data container " + names.dataContainer() + " could not prepare its volumes (exit code "
                    + exitCode + "): " + String.join(" / ", output.lastLines()), Hints.DATA_CONTAINER);
        }
    }

    /**
     * Takes the seed's record of its last sync-in as this volume's, the seed's sources being what it sent: the first
     * sync-in then sends only what differs from the seed, by content.
     */
    private void sentAsSeed(Path seedRecord) {
        try {
            Path record = sentRecord();
            byte[] seedContent = Files.readAllBytes(LinkFreePaths.requireNoLink(seedRecord));
            OutputFolder.writeAtomically(record, out -> out.write(seedContent));
            state().sourcesAsSent();
        } catch (IOException e) {
            log.debug("The seed's record of its sync-in is not usable: " + e.getMessage());
        }
    }

    /**
     * Removes this tree's volumes and makes them again, empty: as overlays in the checkout's {@link LayerStore} where
     * the engine mounts them.
     */
    private void newVolumes() {
        for (String volume : volumes().keySet()) {
            engine.removeVolume(volume);
        }
        Map<String, Map<String, String>> labelled = new LinkedHashMap<>();
        volumes().keySet().forEach(volume -> labelled.put(volume, names.labels("volume")));
        if (layers.isPresent() && layers.get().create(labelled)) {
            return;
        }
        layers = Optional.empty();
        labelled.forEach(engine::createVolume);
    }

    /** The volume that holds the tree's copy, which build containers mount at {@link MakeEnvironment#REMOTE_ROOT}. */
    public String sourceVolume() {
        return names.dataVolume(SOURCE);
    }

    /** The shared Go build cache the volumes' builds use. */
    public GoBuildCache goCache() {
        return goCache;
    }

    /**
     * Whether the volume still holds generated files and make's state from another tree's seed, which a release must
     * not take: what another tree's build generated need not follow from this tree's sources.
     */
    boolean holdsAnotherTreesWork() {
        return state().holdsAnotherTreesWork();
    }

    /** The SHA-256 of each code generator the volume's seed brought along, which copy-out never brings out. */
    Set<String> carriedGenerators() {
        return state().carriedHashes();
    }

    /**
     * Removes the volume's binaries ({@code _output/bin}, {@code _output/dockerized/bin} and the GOPATH's
     * {@code bin/}), the tools a seed brought along among them, so that make builds them anew from this tree's sources.
     */
    void removeBinaries() {
        String bin = MakeEnvironment.REMOTE_ROOT + "/_output/bin";
        String dockerizedBin = MakeEnvironment.REMOTE_ROOT + "/" + MakeEnvironment.OUTPUT_SUBPATH + "/bin";
        String gopathBin = MakeEnvironment.REMOTE_ROOT + "/" + MakeEnvironment.OUTPUT_SUBPATH + "/go/bin";
        OneShotContainer.run(engine, session.reaper(), log, ContainerSpec.builder(names.dataContainer() + "-clear", session.helperImage())
                        .labels(names.labels("seed")).user(session.userInContainers()).volumesFrom(names.dataContainer())
                        .command(List.of("rm", "-rf", bin, dockerizedBin, gopathBin)).build(),
                "Could not remove the binaries of the build volume " + sourceVolume(), Hints.DATA_CONTAINER);
        state().carriedGone();
    }

    /** Marks the volume's generated files as made anew from this tree's sources. */
    void ownWorkOnly() {
        state().ownWorkOnly();
    }

    /** Whether the last run stopped (Ctrl-C, a dead engine) while it wrote the volumes. */
    boolean interrupted() {
        return state().wasInterrupted();
    }

    /** Marks the volumes as being written, until {@link #settled()}. */
    void writing() {
        state().writing();
        fresh = false;
    }

    /** Marks the volumes as left by a command that ended by itself. */
    public void settled() {
        state().settled();
    }

    /** Whether the volume's sources are what the last sync-in sent, so the next one may send only what differs. */
    boolean mirrorsSent() {
        return !fresh && state().mirrorsSent();
    }

    /** Marks the volume's sources as what the last sync-in sent, after a command that writes no source ended by itself. */
    public void sourcesAsSent() {
        state().sourcesAsSent();
    }

    /** This tree's volumes, by name, each with its purpose: {@code src} or {@code go-pkg-<platform>}. */
    private Map<String, String> volumes() {
        Map<String, String> volumes = new LinkedHashMap<>();
        volumes.put(names.dataVolume(SOURCE), SOURCE);
        for (String cache : GO_PKG_CACHES) {
            volumes.put(names.dataVolume(GO_PKG + cache), GO_PKG + cache);
        }
        return volumes;
    }

    private static final String SOURCE = "src";
    private static final String GO_PKG = "go-pkg-";

    private static String mountPath(String purpose) {
        return purpose.equals(SOURCE) ? MakeEnvironment.REMOTE_ROOT : "/usr/local/go/pkg/" + purpose.substring(GO_PKG.length());
    }

    private static boolean endedCleanly(ContainerState state) {
        return !state.running() && state.exitCode() == 0;
    }
}
