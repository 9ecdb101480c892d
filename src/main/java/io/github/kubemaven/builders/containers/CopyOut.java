package io.github.kubemaven.builders.containers;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.release.BinaryOrigins;
import io.github.kubemaven.transport.HostRsync;
import io.github.kubemaven.transport.IncomingFiles;
import io.github.kubemaven.transport.RsyncFilters;
import io.github.kubemaven.transport.SentRecord;
import io.github.kubemaven.tree.GeneratedCode;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings the build's binaries and generated files out of the build volume, through the daemon of an
 * {@link RsyncContainer}, and into the tree without writing over the user's work.
 */
public final class CopyOut {

    /** Where copy-out puts what it brings before it goes into the tree. */
    static final String INCOMING = OutputFolder.PLUGIN_FOLDER + "/incoming";
    /** Where copy-out keeps what it would have written over the user's work. */
    static final String KEPT = OutputFolder.PLUGIN_FOLDER + "/kept";

    private final ContainerSession session;
    private final BuildVolume volume;
    private final Path root;
    private final BuildLog log;
    private final SentRecord sentRecord;

    /** Brings what {@code volume} holds back into the tree of {@code session}. */
    public CopyOut(ContainerSession session, BuildVolume volume) {
        this.session = session;
        this.volume = volume;
        this.root = session.root();
        this.log = session.log();
        this.sentRecord = new SentRecord(volume.sentRecord());
    }

    /**
     * Brings binaries and generated files back: first into a folder under {@code _output/}, holding only what
     * differs from the tree, then into the tree file by file, never over a file that changed after sync-in read it
     * (see {@link IncomingFiles}). With {@code byContent} only files whose content differs come out, so sources the
     * filters also match (types.go, *.pb.go) keep their times when unchanged. The files written are what the volume
     * holds, and the record of the last sync-in says so from then on, so the next sync-in leaves them out.
     * Only the binaries of {@code platforms} come out, or all of them when none are named.
     */
    public void from(RsyncContainer rsync, boolean byContent, List<String> platforms) {
        rsync.requireStarted();
        synchronized (COPY_OUT_LOCKS.computeIfAbsent(root, tree -> new Object())) {
            alone(rsync, byContent || !GeneratedCode.madeByMake(root), platforms);
        }
    }

    /**
     * One copy-out into a tree at a time: engines that built parts of one build bring the same generated files back,
     * and the second must compare them with what the first wrote.
     */
    private static final Map<Path, Object> COPY_OUT_LOCKS = new ConcurrentHashMap<>();

    private void alone(RsyncContainer rsync, boolean byContent, List<String> platforms) {
        log.info("Syncing out of container");
        Path staging = root.resolve(INCOMING + "-" + volume.recordKey());
        OutputFolder.deleteTree(staging);
        LinkFreePaths.createFolders(staging);
        List<String> skipped = rsync.transfer(rsync.volumeUrl(), staging.toString(), byContent ? HostRsync.COPY_OUT_BY_CONTENT : HostRsync.COPY_OUT,
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
}
