package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.Attachment;
import io.github.kubemaven.builders.containers.BuildContainer;
import io.github.kubemaven.builders.containers.BuildVolume;
import io.github.kubemaven.builders.containers.ContainerSession;
import io.github.kubemaven.builders.containers.CopyOut;
import io.github.kubemaven.builders.containers.FreshGoCache;
import io.github.kubemaven.builders.containers.GoBuildCache;
import io.github.kubemaven.builders.containers.MakeEnvironment;
import io.github.kubemaven.builders.containers.RsyncContainer;
import io.github.kubemaven.builders.containers.SyncIn;
import io.github.kubemaven.config.CacheSettings;
import io.github.kubemaven.config.SyncSettings;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.transport.RsyncClient;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Upstream's dockerized build: the data container keeps the tree and the Go caches in volumes, the rsync container
 * moves the tree in and the results out, and a fresh build container runs the command on the volumes.
 */
public final class RsyncPipelineBuilder implements ContainerBuilder {

    /** The name of this builder's up-to-date records. */
    static final String RECORD_NAME = "rsync";
    /** How this builder moves the tree, as its up-to-date key says. */
    static final String RECORD_SYNC = "RSYNC";

    private final ContainerSession session;
    private final SyncSettings sync;
    private final CacheSettings caches;
    private final Function<String, RsyncClient> clients;
    private final PhaseTimer timer;
    private final BuildLog log;
    private final BuildVolume volume;
    private final BuildContainer container;
    private boolean volumeReady;
    /**
     * The platforms of this engine's share of a build spread over several, or none for a whole build: only their
     * binaries come back, and the whole build says when the binaries are current.
     */
    private List<String> share = List.of();

    /**
     * @param clients the host's rsync client for a daemon password
     */
    public RsyncPipelineBuilder(ContainerSession session, SyncSettings sync, CacheSettings caches, Function<String, RsyncClient> clients,
                                PhaseTimer timer) {
        this.session = session;
        this.sync = sync;
        this.caches = caches;
        this.clients = clients;
        this.timer = timer;
        this.log = session.log();
        this.volume = new BuildVolume(session, caches.seed());
        this.container = new BuildContainer(session, volume.container(), volume::settled);
    }

    /**
     * Makes the data container ready: reused when its last run ended cleanly, else made anew. Done by the first
     * command of the run, so that a build found up to date makes none.
     */
    public RsyncPipelineBuilder prepareVolume() {
        return prepareVolume(null);
    }

    /** {@link #prepareVolume()} for a sync-in of {@code sources}, which a new volume's seed is chosen to be near. */
    private RsyncPipelineBuilder prepareVolume(TreeSnapshot sources) {
        if (!volumeReady) {
            volume.ensure(sources);
            volumeReady = true;
            timer.done("data container");
        }
        return this;
    }

    /**
     * Builds for {@code platforms} (KUBE_BUILD_PLATFORMS) whatever the settings say: this engine's share of a build
     * spread over several.
     */
    RsyncPipelineBuilder forPlatforms(List<String> platforms) {
        container.override(MakeEnvironment.PLATFORMS, String.join(" ", platforms));
        share = List.copyOf(platforms);
        return this;
    }

    /** The session this builder's containers share. */
    ContainerSession session() {
        return session;
    }

    @Override
    public String recordName() {
        return RECORD_NAME;
    }

    @Override
    public String recordKey(List<String> command) {
        return session.recordKey(RECORD_SYNC, command);
    }

    @Override
    public Path binaryFolder() {
        return session.binaryFolder();
    }

    @Override
    public boolean writesTree() {
        return false;
    }

    @Override
    public void run(List<String> command, TreeSnapshot tree, boolean copyOutput) {
        session.startImage();
        TreeSnapshot sent = tree != null ? tree : TreeSnapshot.take(session.root(), binaryFolder());
        prepareVolume(sent);
        RsyncContainer rsync = rsyncContainer();
        SyncIn syncIn = new SyncIn(session, volume);
        boolean sentThroughEngine = syncIn.throughEngine(sync.keepGenerated(), sent);
        CompletableFuture<RsyncContainer> started = sentThroughEngine
                ? CompletableFuture.supplyAsync(rsync::start) : CompletableFuture.completedFuture(rsync.start());
        FreshGoCache fresh = null;
        try {
            if (!sentThroughEngine) {
                syncIn.through(rsync, sync.keepGenerated(), sent, makesGeneratedFilesFirst(command));
            }
            timer.done("sync in");
            if (session.freshGoCache()) {
                fresh = FreshGoCache.make(session);
                container.ownMountsOnly();
                container.mount(volume.sourceVolume(), MakeEnvironment.REMOTE_ROOT);
                container.mount(fresh.volume(), GoBuildCache.PATH);
                timer.done("fresh go cache");
            }
            log.info(copyOutput ? "Output from this container will be rsynced out upon completion (kube.copyOutput=false disables it)."
                    : "Output from this container will NOT be rsynced out (kube.copyOutput=true enables it).");
            log.info("Running build command: " + String.join(" ", command));
            container.run(command, Attachment.LOG_ONLY);
            if (writesNoSource(command)) {
                volume.sourcesAsSent();
            }
            timer.done("command");
            Futures.awaited(started);
            CompletableFuture<Boolean> bounded = fresh != null ? CompletableFuture.completedFuture(false)
                    : CompletableFuture.supplyAsync(() -> rsync.trimGoCache(caches.goCacheBytes()));
            if (copyOutput) {
                new CopyOut(session, volume).from(rsync, sync.keepGenerated(), share);
                timer.done("copy out");
            }
            Futures.awaited(bounded);
            timer.done("go cache bound");
        } finally {
            if (Futures.settledThroughInterrupts(started, RSYNC_START_WAIT)) {
                rsync.close();
            } else {
                started.whenComplete((running, failure) -> rsync.close());
            }
            if (fresh != null) {
                fresh.remove();
            }
        }
        if (copyOutput && share.isEmpty()) {
            binariesAreCurrent();
        }
    }

    /**
     * How long a stopped run waits for the rsync container that starts beside make, so that it can remove it before the
     * run ends: the start takes a second or two, its daemon gets ten.
     */
    private static final Duration RSYNC_START_WAIT = Duration.ofSeconds(60);

    /**
     * A make of the build's own targets only: it writes generated files, make's state and {@code _output/}, never a
     * source. Any other command or target ({@code make update}, tests, a shell) may rewrite sources in the volume.
     */
    public static boolean writesNoSource(List<String> command) {
        return !command.isEmpty() && command.get(0).equals("make")
                && command.stream().skip(1).allMatch(word -> word.contains("=") || BUILD_TARGETS.contains(word));
    }

    /** The targets of a Kubernetes Makefile that only build. */
    private static final java.util.Set<String> BUILD_TARGETS = java.util.Set.of("all", "cross", "generated_files", "ginkgo");

    /**
     * A make whose every target (none: {@code all}) depends on {@code generated_files} in a Kubernetes Makefile, so
     * that the generated files are made before anything compiles.
     */
    public static boolean makesGeneratedFilesFirst(List<String> command) {
        return !command.isEmpty() && command.get(0).equals("make")
                && command.stream().skip(1).allMatch(word -> word.contains("=") || GENERATING_TARGETS.contains(word));
    }

    private static final java.util.Set<String> GENERATING_TARGETS = java.util.Set.of("all", "generated_files", "check", "test",
            "test-integration", "test-cmd", "test-e2e-node", "update", "vet");

    @Override
    public void shell(List<String> command, Attachment attachment) {
        session.startImage();
        prepareVolume();
        try (RsyncContainer rsync = rsyncContainer().start()) {
            new SyncIn(session, volume).through(rsync, sync.keepGenerated(), TreeSnapshot.take(session.root(), binaryFolder()), false);
        }
        container.run(command, attachment);
    }

    /** Copies binaries and generated files out of the build volume ({@code build/copy-output.sh}). */
    public void copyOutput() {
        if (!volume.usable()) {
            throw new KubeBuildException("There is no build output to copy: this tree has no data container yet.", Hints.BUILD_FIRST);
        }
        try (RsyncContainer rsync = rsyncContainer().start()) {
            new CopyOut(session, volume).from(rsync, sync.keepGenerated(), List.of());
        }
        timer.done("copy out");
    }

    private RsyncContainer rsyncContainer() {
        return new RsyncContainer(session, volume, clients, sync.rsyncPort(), sync.transportFor(session.engine().onThisMachine()));
    }

    /** The binaries the tree holds are what this command builds now: packaging takes their version stamp. */
    @Override
    public void binariesAreCurrent() {
        session.builtState(false).write(BuiltState.fileOf(session.root()));
    }

    @Override
    public void close() {
        session.close();
    }
}
