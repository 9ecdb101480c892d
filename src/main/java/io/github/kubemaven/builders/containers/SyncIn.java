package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.transport.ChangedFilesArchive;
import io.github.kubemaven.transport.GeneratedOrphans;
import io.github.kubemaven.transport.HostRsync;
import io.github.kubemaven.transport.RsyncFilters;
import io.github.kubemaven.transport.SentRecord;
import io.github.kubemaven.transport.SyncChanges;
import io.github.kubemaven.tree.GeneratedCode;
import io.github.kubemaven.tree.GitIgnored;
import io.github.kubemaven.tree.RemadeEveryRun;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;
import io.github.kubemaven.version.VersionDefs;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends the tree into the build volume: through the daemon of an {@link RsyncContainer}, the whole tree or the files
 * that changed since the last sync-in, or those changed files alone through the Engine API. Records what it sent, for
 * copy-out.
 */
public final class SyncIn {

    private final ContainerSession session;
    private final BuildVolume volume;
    private final Path root;
    private final BuildLog log;
    private final SentRecord sentRecord;
    /** Whether the tree's make writes its generated code, which the volume then keeps ({@link GeneratedCode}). */
    private final boolean generatedByMake;
    /** The generated files the volume holds as its seeding in this run listed them; a later sync-in lists the volume itself. */
    private final Optional<List<String>> listedAtSeeding;

    /** Sends the tree of {@code session} into {@code volume}. */
    public SyncIn(ContainerSession session, BuildVolume volume) {
        this.session = session;
        this.volume = volume;
        this.root = session.root();
        this.log = session.log();
        this.sentRecord = new SentRecord(volume.sentRecord());
        this.generatedByMake = GeneratedCode.madeByMake(root);
        this.listedAtSeeding = volume.takeGeneratedListedAtSeeding();
    }

    /**
     * Sends the tree into the build volume. With {@code keepGenerated} a fresh volume gets the tree's own times, and
     * later syncs decide by content, giving changed files the time of the sync (see {@link HostRsync#ARCHIVE_BY_CONTENT});
     * generated files the volume keeps go when their package left the tree ({@link GeneratedOrphans}).
     *
     * @param sent the tree as it is now, taken before the transfer reads it; recorded for copy-out
     * @param makeRunsGenerators whether the command that follows is a make that makes the generated files before it
     *                   compiles, so that the volume may keep the files make rewrites on every run ({@link RemadeEveryRun})
     */
    public void through(RsyncContainer rsync, boolean keepGenerated, TreeSnapshot sent, boolean makeRunsGenerators) {
        rsync.requireStarted();
        boolean fresh = volume.fresh();
        if (!generatedByMake) {
            sourcesOnly(rsync, keepGenerated, sent, fresh);
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
        if (keep && volume.mirrorsSent() && changesOnly(rsync, sent)) {
            return;
        }
        List<String> orphanRules = List.of();
        if (keep && !fresh) {
            List<String> treeFiles = new ArrayList<>(sent.inputs().keySet());
            treeFiles.addAll(sent.generated().keySet());
            List<String> inVolume = listedAtSeeding.orElseGet(() -> rsync.listVolume(RsyncFilters.generatedListing()));
            List<String> orphans = GeneratedOrphans.find(inVolume, treeFiles);
            orphans.forEach(path -> log.info("Removing " + path + " from the build volume: its package left the tree"));
            orphanRules = GeneratedOrphans.removalRules(orphans);
        }
        volume.writing();
        sentRecord.write(sent);
        log.info("Syncing sources to container");
        boolean byContent = keepGenerated && !fresh;
        List<String> buildOwned = keep ? List.copyOf(GitIgnored.among(root, sent.generated().keySet())) : List.of();
        List<String> remadeEveryRun = keep && makeRunsGenerators ? RemadeEveryRun.bindataFiles(root) : List.of();
        rsync.transfer(root + "/", rsync.volumeUrl(), byContent ? HostRsync.ARCHIVE_BY_CONTENT : HostRsync.ARCHIVE,
                RsyncFilters.syncIn(keep, orphanRules, buildOwned, remadeEveryRun), List.of("--delete"));
        if (!keep || fresh) {
            volume.ownWorkOnly();
        }
    }

    /**
     * The sync-in of a tree whose generated code is committed: every file a source, decided by content once the volume
     * holds anything, a deleted generated file deleted from the volume as any other. Nothing in such a volume is made
     * by make from the sources, so after it the volume holds this tree's files only, whatever seeded it.
     */
    private void sourcesOnly(RsyncContainer rsync, boolean keepGenerated, TreeSnapshot sent, boolean fresh) {
        if (!keepGenerated) {
            log.info("kube.keepGenerated=false changes nothing here: this tree's make writes no generated code, so its "
                    + "zz_generated files are sources the volume mirrors like any other.");
        }
        if (!volume.interrupted() && !releaseOverAnotherTreesWork() && volume.mirrorsSent() && changesOnly(rsync, sent)) {
            return;
        }
        volume.writing();
        sentRecord.write(sent);
        log.info("Syncing sources to container");
        rsync.transfer(root + "/", rsync.volumeUrl(), fresh ? HostRsync.ARCHIVE : HostRsync.ARCHIVE_BY_CONTENT,
                RsyncFilters.syncInSources(), List.of("--delete"));
        volume.ownWorkOnly();
    }

    /** A release build (one with a Go build cache of its own) over a volume that holds another tree's generated files. */
    private boolean releaseOverAnotherTreesWork() {
        return session.freshGoCache() && volume.holdsAnotherTreesWork();
    }

    /**
     * Sends the files that differ from the last sync-in's record through the Engine API into the data container, where
     * {@link ChangedFilesArchive} can hold them: no daemon is needed, so the rsync container may start later, beside
     * make. Only where the engine unpacks archives into the volumes of a created container, and runs on this machine,
     * whose clock then stamps the files as the engine's would. Asks what {@link #through} asks before it sends only
     * changes.
     *
     * @return false, having sent nothing, when {@link #through} must do it
     */
    public boolean throughEngine(boolean keepGenerated, TreeSnapshot now) {
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
    private boolean changesOnly(RsyncContainer rsync, TreeSnapshot now) {
        Optional<List<String>> changes = sentRecord.read().flatMap(last -> SyncChanges.between(last, now, root, SyncChanges.MOST))
                .map(this::withoutBuildOwned);
        if (changes.isEmpty()) {
            return false;
        }
        List<String> paths = new ArrayList<>(changes.get());
        Path list = root.resolve(OutputFolder.PLUGIN_FOLDER).resolve("sync-in-" + volume.recordKey() + ".list");
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
        rsync.transfer(root + "/", rsync.volumeUrl(), HostRsync.LISTED_BY_CONTENT, RsyncFilters.syncIn(true),
                List.of("--files-from=" + list, "--from0"));
        return true;
    }

    /**
     * {@code changes} without the generated files git ignores: those are the build's (see
     * {@link RsyncFilters#syncIn(boolean, List, List, List)}), and the volume's copies stay.
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

}
