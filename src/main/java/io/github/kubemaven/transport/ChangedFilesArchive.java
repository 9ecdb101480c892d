package io.github.kubemaven.transport;

import io.github.kubemaven.ground.PosixModes;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The files an incremental sync-in sends, as a tar archive the Engine API unpacks into the build volume, so that a
 * small change needs no rsync container before make. It holds exactly what rsync would have written: files whose
 * content differs from the volume's copy, with the tree's permissions, the owner the rsync daemon runs as, and the
 * time of the sync. Where that cannot be known from the last sync-in's record, there is no archive and rsync does
 * the work: a folder, link, pipe or socket among the changes, a file in a folder the volume lacks, a file whose size and content
 * hash the record cannot tell from the volume's copy (only its time changed), or more than a small change.
 */
public final class ChangedFilesArchive {

    /** Past this many files, or {@link #MOST_BYTES}, rsync's delta transfer pays for its container. */
    public static final int MOST_FILES = 200;
    static final long MOST_BYTES = 32L << 20;

    private final Path root;
    private final String remoteRoot;
    private final int uid;
    private final int gid;

    /**
     * @param remoteRoot where the tree lies in the build container, absolute
     * @param uid        the owner the rsync daemon writes files as
     */
    public ChangedFilesArchive(Path root, String remoteRoot, int uid, int gid) {
        this.root = root;
        this.remoteRoot = remoteRoot.replaceAll("^/+|/+$", "");
        this.uid = uid;
        this.gid = gid;
    }

    /**
     * The archive of {@code changed} (paths of {@code now} that differ from {@code sent}) and of {@code alwaysSent}
     * (files outside the snapshot the sync always sends where the tree has them, with their folders), unpacked at
     * {@code /}.
     *
     * @param time the time of the sync, which every file gets
     * @return empty when rsync must send the changes instead, as it must for a name Java cannot hold as it is (see
     *         {@link TreeKeys#plain})
     */
    public Optional<byte[]> of(TreeSnapshot sent, TreeSnapshot now, List<String> changed, List<String> alwaysSent, Instant time) {
        if (changed.size() + alwaysSent.size() > MOST_FILES || !changed.stream().allMatch(TreeKeys::plain)) {
            return Optional.empty();
        }
        long bytes = 0;
        for (String path : changed) {
            TreeSnapshot.Entry current = entry(now, path);
            boolean newFileKnownAbsent = !now.generated().containsKey(path) && parentKnown(sent, path);
            if (current == null || !current.isFile() || !Files.isRegularFile(root.resolve(path), LinkOption.NOFOLLOW_LINKS)
                    || !knownToDiffer(entry(sent, path), current, newFileKnownAbsent)) {
                return Optional.empty();
            }
            bytes += size(current);
        }
        if (bytes > MOST_BYTES) {
            return Optional.empty();
        }
        ByteArrayOutputStream archive = new ByteArrayOutputStream((int) bytes + 4096);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(archive, StandardCharsets.UTF_8.name())) {
            tar.setAddPaxHeadersForNonAsciiNames(true);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String path : alwaysSent) {
                if (!Files.isRegularFile(root.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                addFolders(tar, path, time);
                addFile(tar, path, time);
            }
            for (String path : changed) {
                addFile(tar, path, time);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the changed files of " + root, e);
        }
        return Optional.of(archive.toByteArray());
    }

    /**
     * Whether the volume's copy of a file, as the record knows it, surely has other content than {@code current}:
     * the record lacks it and the volume cannot hold it (a source in a folder the volume has; a generated file the
     * record lacks may be one make wrote there), or the record knows another size, or another content hash.
     */
    private static boolean knownToDiffer(TreeSnapshot.Entry recorded, TreeSnapshot.Entry current, boolean newFileKnownAbsent) {
        if (recorded == null) {
            return newFileKnownAbsent;
        }
        if (!recorded.isFile()) {
            return false;
        }
        if (size(recorded) != size(current)) {
            return true;
        }
        return recorded.contentHash() != null && current.contentHash() != null && !recorded.contentHash().equals(current.contentHash());
    }

    private static boolean parentKnown(TreeSnapshot sent, String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return true;
        }
        TreeSnapshot.Entry parent = sent.inputs().get(path.substring(0, slash));
        return parent != null && parent.isFolder();
    }

    private static TreeSnapshot.Entry entry(TreeSnapshot snapshot, String path) {
        TreeSnapshot.Entry entry = snapshot.inputs().get(path);
        return entry != null ? entry : snapshot.generated().get(path);
    }

    private static long size(TreeSnapshot.Entry file) {
        return Long.parseLong(file.sizeAndTime().substring(0, file.sizeAndTime().indexOf(':')));
    }

    private void addFolders(TarArchiveOutputStream tar, String path, Instant time) throws IOException {
        String[] parts = path.split("/");
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            folder.append(i == 0 ? "" : "/").append(parts[i]);
            Path local = root.resolve(folder.toString());
            TarArchiveEntry entry = new TarArchiveEntry(remoteRoot + "/" + folder + "/");
            entry.setMode(040000 | mode(local));
            stamp(entry, time);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }
    }

    private void addFile(TarArchiveOutputStream tar, String path, Instant time) throws IOException {
        Path local = root.resolve(path);
        byte[] content = Files.readAllBytes(local);
        TarArchiveEntry entry = new TarArchiveEntry(remoteRoot + "/" + path);
        entry.setMode(0100000 | mode(local));
        entry.setSize(content.length);
        stamp(entry, time);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Owner and time; the time with its nanoseconds, so that make sees the file newer than what it made before. */
    private void stamp(TarArchiveEntry entry, Instant time) {
        entry.setIds(uid, gid);
        entry.setModTime(time.toEpochMilli());
        entry.addPaxHeader("mtime", time.getEpochSecond() + "." + String.format("%09d", time.getNano()));
    }

    private static int mode(Path path) throws IOException {
        return PosixModes.of(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
