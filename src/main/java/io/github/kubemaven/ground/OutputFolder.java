package io.github.kubemaven.ground;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Deletes a tree's {@code _output/} folder, and nothing outside it: symbolic links are removed, never followed.
 */
public final class OutputFolder {

    /** The plugin's own folder in a tree: its records, stamps and staging, below {@code _output/}. */
    public static final String PLUGIN_FOLDER = "_output/kube-maven";

    private OutputFolder() {
    }

    /** Writes a file's whole content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} below a tree's {@code _output/} through a temporary file beside it that then replaces it in
     * one rename, so that a reader sees the old content or the new one, never a part; never through a link (see
     * {@link LinkFreePaths}).
     */
    public static void writeAtomically(Path file, Content content) {
        LinkFreePaths.writeAtomically(file, content);
    }

    public static boolean delete(Path root) {
        Path output = outputOf(root);
        if (output == null) {
            return false;
        }
        deleteTree(output);
        return true;
    }

    /** The tree's {@code _output/} folder when it is a real folder right below the root, else null. */
    private static Path outputOf(Path root) {
        Path output = root.resolve("_output").normalize();
        boolean there = output.getParent().equals(root.normalize()) && Files.isDirectory(output, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return there ? output : null;
    }

    /**
     * Deletes everything in a tree's {@code _output/} folder but {@code kept} (the lock file of the run that cleans).
     *
     * @return whether there was an {@code _output/} folder
     */
    public static boolean deleteAllBut(Path root, Path kept) {
        Path output = outputOf(root);
        if (output == null) {
            return false;
        }
        try (var children = Files.list(output)) {
            for (Path child : children.toList()) {
                if (child.equals(kept)) {
                    continue;
                }
                if (Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(child);
                } else {
                    Files.delete(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + output, e);
        }
        return true;
    }

    /** Deletes {@code folder} when it is there and empty. */
    public static void deleteIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another run started meanwhile and put its lock file there
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + folder, e);
        }
    }

    /** Deletes a folder below {@code _output/} and all in it, read-only parts included; links are removed, not followed. */
    public static void deleteTree(Path directory) {
        if (!Files.isDirectory(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        LinkFreePaths.requireNoLink(directory);
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
                    if (permissions.add(PosixFilePermission.OWNER_WRITE) | permissions.add(PosixFilePermission.OWNER_EXECUTE)) {
                        Files.setPosixFilePermissions(dir, permissions);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + directory, e);
        }
    }

    /** When {@code path} was last modified, or the epoch when it cannot be read: the oldest of all. */
    public static FileTime modifiedOrEpoch(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
