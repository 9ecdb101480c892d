package io.github.kubemaven.builders;

import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.config.SyncSettings;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.ground.Progress;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.release.BinaryOrigins;
import io.github.kubemaven.transport.ChangedFilesArchive;
import io.github.kubemaven.transport.ExecTunnel;
import io.github.kubemaven.transport.GeneratedOrphans;
import io.github.kubemaven.transport.HostRsync;
import io.github.kubemaven.transport.IncomingFiles;
import io.github.kubemaven.transport.RsyncClient;
import io.github.kubemaven.transport.RsyncDaemonFiles;
import io.github.kubemaven.transport.RsyncFilters;
import io.github.kubemaven.transport.SentRecord;
import io.github.kubemaven.transport.SyncChanges;
import io.github.kubemaven.tree.GeneratedCode;
import io.github.kubemaven.tree.GitIgnored;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;
import io.github.kubemaven.version.VersionDefs;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The rsync container of one run: an rsync daemon over the build volume, published on 127.0.0.1 with a password of
 * the run's own, through which the tree goes in and the results come out.
 */
public final class RsyncContainer implements AutoCloseable {

    public static final int DAEMON_PORT = 8730;
    /** Where copy-out puts what it brings before it goes into the tree. */
    static final String INCOMING = "_output/kube-maven/incoming";
    /** Where copy-out keeps what it would have written over the user's work. */
    public static final String KEPT = "_output/kube-maven/kept";

    private final ContainerSession session;
    private final BuildVolume volume;
    private final Function<String, RsyncClient> clients;
    private final Integer hostPort;
    private final SyncSettings.RsyncTransport transport;
    private final Path root;
    private final BuildLog log;
    private final SentRecord sentRecord;
    /** Whether the tree's make writes its generated code, which the volume then keeps ({@link GeneratedCode}). */
    private final boolean generatedByMake;
    private RsyncClient rsync;
    private String containerId;
    private ExecTunnel tunnel;
    private String address;

    /**
     * @param clients  the host's rsync client for a daemon password
     * @param hostPort  with the port transport, the port on 127.0.0.1 to publish the daemon on, or null for an ephemeral one
     * @param transport how the host's rsync reaches the daemon
     */
    public RsyncContainer(ContainerSession session, BuildVolume volume, Function<String, RsyncClient> clients, Integer hostPort,
                          SyncSettings.RsyncTransport transport) {
        this.session = session;
        this.volume = volume;
        this.clients = clients;
        this.hostPort = hostPort;
        this.transport = transport;
        this.root = session.root();
        this.generatedByMake = GeneratedCode.madeByMake(root);
        this.log = session.log();
        this.sentRecord = new SentRecord(volume.sentRecord());
    }

    /**
     * Starts the container with a daemon and password of this run's own, and waits until the daemon answers; removes
     * the container again when it cannot.
     */
    public RsyncContainer start() {
        try {
            startDaemon();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startDaemon() {
        DockerEngine engine = session.engine();
        BuildNames names = session.names();
        RsyncDaemonFiles daemon = RsyncDaemonFiles.fresh();
        rsync = clients.apply(daemon.password());
        boolean overApi = transport == SyncSettings.RsyncTransport.API;
        ContainerSpec.Builder spec = ContainerSpec.builder(names.rsyncContainer(), session.helperImage())
                .user(session.host().user())
                .hostname(session.host().hostname())
                .labels(names.labels("rsync"))
                .volumesFrom(volume.container())
                .environment(List.of("HOME=" + MakeEnvironment.REMOTE_ROOT))
                .leasedCommand(RsyncDaemonFiles.containerCommand(overApi));
        if (!overApi) {
            spec.publish(DAEMON_PORT, "127.0.0.1", hostPort);
        }
        try {
            session.reaper().awaitRemovals();
            ContainerSpec built = spec.build();
            containerId = engine.createContainer(built);
            session.reaper().track(containerId, built.name());
            engine.copyToContainer(containerId, daemon.archive(Integer.parseInt(session.host().uid()), Integer.parseInt(session.host().gid())));
            engine.startContainer(containerId);
            if (!session.reaper().mayRun(containerId)) {
                throw new KubeBuildException("The run stopped while the rsync container " + names.rsyncContainer() + " started.", null);
            }
        } catch (KubeBuildException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KubeBuildException("The rsync container " + names.rsyncContainer() + " could not start: " + e.getMessage(),
                    Hints.rsyncContainerStart(hostPort), e);
        }
        if (overApi) {
            tunnel = ExecTunnel.open(engine, containerId, RsyncDaemonFiles.DAEMON_ON_STDIO, log);
            if (probe(tunnel.address(), PROBES)) {
                address = tunnel.address();
                return;
            }
            throw new KubeBuildException("The rsync daemon in " + names.rsyncContainer() + " does not answer through the Engine API"
                    + (tunnel.failure() == null ? "." : ": " + tunnel.failure().getMessage()), Hints.RSYNC_OVER_API);
        }
        Optional<Integer> port = engine.publishedPort(containerId, DAEMON_PORT);
        if (port.isPresent() && probe("127.0.0.1:" + port.get(), PROBES)) {
            address = "127.0.0.1:" + port.get();
            return;
        }
        throw new KubeBuildException("The rsync daemon in " + names.rsyncContainer() + " does not answer on 127.0.0.1"
                + port.map(p -> ":" + p).orElse("") + ".", Hints.RSYNC_UNREACHABLE);
    }

    /**
     * Runs one rsync transfer; a failure the engine caused is reported as the engine's.
     *
     * @return what rsync left out as no regular file, folder or link
     */
    private List<String> transfer(String source, String destination, List<String> mode, List<String> filters, List<String> flags) {
        try (Progress progress = log.progress(source.startsWith("rsync://") ? "copy out" : "sync in")) {
            return rsync.transfer(root, source, destination, mode, filters, flags, progress);
        } catch (KubeBuildException e) {
            throw engineFailure().orElse(e);
        }
    }

    private Optional<RuntimeException> engineFailure() {
        return tunnel == null ? Optional.empty() : Optional.ofNullable(tunnel.failure());
    }

    /** The daemon answers within a few tenths of a second of its start; it gets ten seconds. */
    private static final int PROBES = 200;
    private static final long PROBE_PAUSE_MILLIS = 50;

    private boolean probe(String candidate, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (rsync.answers(root, candidate)) {
                log.debug("rsync daemon answers at " + candidate);
                return true;
            }
            try {
                Thread.sleep(PROBE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubeBuildException("Interrupted while waiting for the rsync daemon", null, e);
            }
        }
        return false;
    }

    /**
     * Sends the tree into the build volume. With {@code keepGenerated} a fresh volume gets the tree's own times, and
     * later syncs decide by content, giving changed files the time of the sync (see {@link HostRsync#ARCHIVE_BY_CONTENT});
     * generated files the volume keeps go when their package left the tree ({@link GeneratedOrphans}).
     *
     * @param sent the tree as it is now, taken before the transfer reads it; recorded for copy-out
     */
    public void syncIn(boolean keepGenerated, TreeSnapshot sent) {
        requireStarted();
        boolean fresh = volume.fresh();
        if (!generatedByMake) {
            syncInSources(keepGenerated, sent, fresh);
            return;
        }
        boolean regenerate = keepGenerated && (volume.interrupted() || releaseOverAnotherTreesWork());
        if (keepGenerated && volume.interrupted()) {
            log.warn("The last run stopped while it wrote the build volume, so its generated files are made anew this time.");
        } else if (regenerate) {
            log.info("Making the generated files anew for this release: the build volume was seeded from another tree's.");
            volume.removeBinaries();
        }
        boolean keep = keepGenerated && !regenerate;
        if (keep && volume.mirrorsSent() && syncChangesOnly(sent)) {
            return;
        }
        List<String> orphanRules = List.of();
        if (keep && !fresh) {
            List<String> treeFiles = new ArrayList<>(sent.inputs().keySet());
            treeFiles.addAll(sent.generated().keySet());
            List<String> orphans = GeneratedOrphans.find(rsync.list(root, HostRsync.url(address), RsyncFilters.generatedListing()), treeFiles);
            orphans.forEach(path -> log.info("Removing " + path + " from the build volume: its package left the tree"));
            orphanRules = GeneratedOrphans.removalRules(orphans);
        }
        volume.writing();
        sentRecord.write(sent);
        log.info("Syncing sources to container");
        boolean byContent = keepGenerated && !fresh;
        List<String> buildOwned = keep ? List.copyOf(GitIgnored.among(root, sent.generated().keySet())) : List.of();
        transfer(root + "/", HostRsync.url(address), byContent ? HostRsync.ARCHIVE_BY_CONTENT : HostRsync.ARCHIVE,
                RsyncFilters.syncIn(keep, orphanRules, buildOwned), List.of("--delete"));
        if (!keep || fresh) {
            volume.ownWorkOnly();
        }
    }

    /**
     * The sync-in of a tree whose generated code is committed: every file a source, decided by content once the volume
     * holds anything, a deleted generated file deleted from the volume as any other. Nothing in such a volume is made
     * by make from the sources, so after it the volume holds this tree's files only, whatever seeded it.
     */
    private void syncInSources(boolean keepGenerated, TreeSnapshot sent, boolean fresh) {
        if (!keepGenerated) {
            log.info("kube.keepGenerated=false changes nothing here: this tree's make writes no generated code, so its "
                    + "zz_generated files are sources the volume mirrors like any other.");
        }
        if (!volume.interrupted() && !releaseOverAnotherTreesWork() && volume.mirrorsSent() && syncChangesOnly(sent)) {
            return;
        }
        volume.writing();
        sentRecord.write(sent);
        log.info("Syncing sources to container");
        transfer(root + "/", HostRsync.url(address), fresh ? HostRsync.ARCHIVE : HostRsync.ARCHIVE_BY_CONTENT,
                RsyncFilters.syncInSources(), List.of("--delete"));
        volume.ownWorkOnly();
    }

    /** A release build (one with a Go build cache of its own) over a volume that holds another tree's generated files. */
    private boolean releaseOverAnotherTreesWork() {
        return session.freshGoCache() && volume.holdsAnotherTreesWork();
    }

    /**
     * Sends the files that differ from the last sync-in's record through the Engine API into the data container, where
     * {@link ChangedFilesArchive} can hold them: no daemon is needed, so this container may start later, beside make.
     * Only where the engine unpacks archives into the volumes of a created container, and runs on this machine, whose
     * clock then stamps the files as the engine's would. Asks what {@link #syncIn} asks before it sends only changes.
     *
     * @return false, having sent nothing, when {@link #syncIn} must do it
     */
    public boolean sendChangesThroughEngine(boolean keepGenerated, TreeSnapshot now) {
        DockerEngine engine = session.engine();
        if ((generatedByMake && !keepGenerated) || volume.fresh() || volume.interrupted() || releaseOverAnotherTreesWork() || !volume.mirrorsSent()
                || !engine.copiesIntoVolumes()
                || !engine.onThisMachine()) {
            return false;
        }
        Optional<TreeSnapshot> last = sentRecord.read();
        Optional<List<String>> changes = last.flatMap(sent -> SyncChanges.between(sent, now, root, ChangedFilesArchive.MOST_FILES))
                .map(this::withoutBuildOwned);
        if (changes.isEmpty()) {
            return false;
        }
        ChangedFilesArchive files = new ChangedFilesArchive(root, MakeEnvironment.REMOTE_ROOT, Integer.parseInt(session.host().uid()),
                Integer.parseInt(session.host().gid()));
        Optional<byte[]> archive = files.of(last.get(), now, changes.get(), List.of(VersionDefs.PATH), Instant.now());
        if (archive.isEmpty()) {
            return false;
        }
        volume.writing();
        sentRecord.write(now);
        log.info("Syncing " + countOf(changes.get()) + " to container through the engine" + namesOf(changes.get()));
        engine.copyToContainer(volume.containerId(), archive.get());
        return true;
    }

    /**
     * Sends only the files that differ from the last sync-in's record, when the volume still holds what that sync-in
     * sent and no file or folder left the tree since (deletions take the full sync, which also removes orphaned
     * generated files). Decides by content, as the full sync does.
     *
     * @return false, having sent nothing, when the full sync is needed
     */
    private boolean syncChangesOnly(TreeSnapshot now) {
        Optional<List<String>> changes = sentRecord.read().flatMap(last -> SyncChanges.between(last, now, root, SyncChanges.MOST))
                .map(this::withoutBuildOwned);
        if (changes.isEmpty()) {
            return false;
        }
        List<String> paths = new ArrayList<>(changes.get());
        Path list = root.resolve(SYNC_LIST_FOLDER).resolve("sync-in-" + volume.recordKey() + ".list");
        paths.add(VersionDefs.PATH);
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        for (String path : paths) {
            names.writeBytes(TreeKeys.bytes(path));
            names.write(0);
        }
        OutputFolder.writeAtomically(list, out -> names.writeTo(out));
        volume.writing();
        sentRecord.write(now);
        log.info("Syncing " + countOf(changes.get()) + " to container" + namesOf(changes.get()));
        transfer(root + "/", HostRsync.url(address), HostRsync.LISTED_BY_CONTENT, RsyncFilters.syncIn(true),
                List.of("--files-from=" + list, "--from0"));
        return true;
    }

    /**
     * {@code changes} without the generated files git ignores: those are the build's (see
     * {@link RsyncFilters#syncIn(boolean, List, List)}), and the volume's copies stay.
     */
    private List<String> withoutBuildOwned(List<String> changes) {
        List<String> generated = changes.stream().filter(TreeSnapshot::isGeneratedPath).toList();
        if (generated.isEmpty()) {
            return changes;
        }
        Set<String> ignored = GitIgnored.among(root, generated);
        return changes.stream().filter(path -> !ignored.contains(path)).toList();
    }

    /** The most changed files a sync-in names in its log line. */
    private static final int NAMED = 3;

    private static String countOf(List<String> changes) {
        return changes.size() + " changed file" + (changes.size() == 1 ? "" : "s");
    }

    private static String namesOf(List<String> changes) {
        return changes.isEmpty() || changes.size() > NAMED ? "" : ": " + String.join(", ", changes);
    }

    /** Where the list of files an incremental sync-in sends is written, one list per volume. */
    private static final String SYNC_LIST_FOLDER = "_output/kube-maven";

    /**
     * Brings binaries and generated files back: first into a folder under {@code _output/}, holding only what
     * differs from the tree, then into the tree file by file, never over a file that changed after sync-in read it
     * (see {@link IncomingFiles}). With {@code byContent} only files whose content differs come out, so sources the
     * filters also match (types.go, *.pb.go) keep their times when unchanged. The files written are what the volume
     * holds, and the record of the last sync-in says so from then on, so the next sync-in leaves them out.
     * Only the binaries of {@code platforms} come out, or all of them when none are named.
     */
    public void copyOut(boolean byContent, List<String> platforms) {
        requireStarted();
        synchronized (COPY_OUT_LOCKS.computeIfAbsent(root, tree -> new Object())) {
            copyOutAlone(byContent || !generatedByMake, platforms);
        }
    }

    /**
     * One copy-out into a tree at a time: engines that built parts of one build bring the same generated files back,
     * and the second must compare them with what the first wrote.
     */
    private static final Map<Path, Object> COPY_OUT_LOCKS = new ConcurrentHashMap<>();

    private void copyOutAlone(boolean byContent, List<String> platforms) {
        log.info("Syncing out of container");
        Path staging = root.resolve(INCOMING + "-" + volume.recordKey());
        OutputFolder.deleteTree(staging);
        LinkFreePaths.createFolders(staging);
        List<String> skipped = transfer(HostRsync.url(address), staging.toString(), byContent ? HostRsync.COPY_OUT_BY_CONTENT : HostRsync.COPY_OUT,
                RsyncFilters.copyOut(platforms), List.of("--prune-empty-dirs", "--compare-dest=" + root));
        TreeSnapshot sent = sentRecord.read().orElse(null);
        if (sent == null) {
            log.warn("No record of what was synced into this build volume: only files the tree lacks are copied out.");
        }
        IncomingFiles.Moved moved = new IncomingFiles(root, staging, root.resolve(KEPT), log)
                .moveIntoTree(sent, skipped, volume.carriedGenerators());
        if (sent != null && !moved.written().isEmpty()) {
            sentRecord.write(sent.withWritten(root, moved.written()));
        }
        BinaryOrigins.of(root).noteBuilt(moved.outputs(), session.versionDefs());
    }

    /**
     * Keeps the shared Go build cache, which this container mounts, under {@code boundBytes}; may run beside a
     * transfer.
     *
     * @return whether it had to trim
     */
    public boolean trimGoCache(long boundBytes) {
        requireStarted();
        return volume.goCache().trim(containerId, boundBytes);
    }

    private void requireStarted() {
        if (address == null) {
            throw new IllegalStateException("the rsync container is not running");
        }
    }

    /** Removes the container. */
    @Override
    public synchronized void close() {
        if (tunnel != null) {
            tunnel.close();
            tunnel = null;
        }
        if (containerId != null) {
            session.reaper().removeSoon(containerId);
            containerId = null;
        }
        address = null;
    }
}
