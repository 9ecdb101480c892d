package io.github.kubemaven.release;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.PosixModes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A build context as the docker CLI sends it, written to a private temporary tar file: the folder's files, folders
 * and links (a link as a link, never followed, so nothing outside the folder goes to the engine), owned by root; and
 * a Dockerfile that lies outside the folder added under a name of its own, as the CLI adds it.
 *
 * @param file       the tar file, which the caller deletes
 * @param dockerfile the Dockerfile's path inside it
 */
public record ContextArchive(Path file, String dockerfile) {

    static final String OUTSIDE_DOCKERFILE = ".dockerfile.kube-maven-plugin";

    /**
     * @param folder     the context folder
     * @param dockerfile the Dockerfile, or null for {@code Dockerfile} in the folder
     */
    public static ContextArchive write(Path folder, Path dockerfile) {
        if (!Files.isDirectory(folder)) {
            throw new KubeBuildException("The build context " + folder + " is no folder.", Hints.RELEASE_PATHS);
        }
        Path given = dockerfile == null ? folder.resolve("Dockerfile") : dockerfile;
        if (!Files.isRegularFile(given)) {
            throw new KubeBuildException("The Dockerfile " + given + " of the build of " + folder + " is missing.", Hints.RELEASE_PATHS);
        }
        Path file = null;
        try {
            Path root = folder.toRealPath();
            Path real = given.toRealPath();
            String inside = real.startsWith(root) && !real.equals(root) ? root.relativize(real).toString() : null;
            file = Files.createTempFile("kube-build-context", ".tar",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                addChildren(tar, root, root);
                if (inside == null) {
                    TarArchiveEntry entry = new TarArchiveEntry(OUTSIDE_DOCKERFILE);
                    byte[] text = Files.readAllBytes(real);
                    entry.setSize(text.length);
                    owned(entry, 0100644, Files.getLastModifiedTime(real).toMillis());
                    tar.putArchiveEntry(entry);
                    tar.write(text);
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            return new ContextArchive(file, inside == null ? OUTSIDE_DOCKERFILE : inside);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Deletes the tar file. */
    public void delete() {
        deleteQuietly(file);
    }

    private static void addChildren(TarArchiveOutputStream tar, Path root, Path folder) throws IOException {
        List<Path> children = new ArrayList<>();
        try (Stream<Path> listing = Files.list(folder)) {
            listing.sorted().forEach(children::add);
        }
        for (Path child : children) {
            String name = root.relativize(child).toString();
            PosixFileAttributes attributes = Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            long mtime = attributes.lastModifiedTime().toMillis();
            if (attributes.isSymbolicLink()) {
                TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(child).toString());
                owned(entry, 0120777, mtime);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            } else if (attributes.isDirectory()) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                owned(entry, 040000 | PosixModes.of(attributes.permissions()), mtime);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
                addChildren(tar, root, child);
            } else if (attributes.isRegularFile()) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(attributes.size());
                owned(entry, 0100000 | PosixModes.of(attributes.permissions()), mtime);
                tar.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(child, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static void owned(TarArchiveEntry entry, int mode, long mtime) {
        entry.setMode(mode);
        entry.setModTime(mtime);
        entry.setUserId(0);
        entry.setGroupId(0);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
