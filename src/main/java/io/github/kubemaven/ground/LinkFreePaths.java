package io.github.kubemaven.ground;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Host paths the plugin writes, checked so that no write goes through a symbolic link: every folder between a top
 * folder and the path is a real folder, made here one at a time where missing, and the path itself is no link. What
 * runs in a container (the tree's Makefile) can leave links under {@code _output/} or in the tree; a write through one
 * would reach whatever it points at.
 * <p>
 * The top folder is the tree's root where the caller knows it, else the first {@code _output} folder of the path:
 * the plugin's own files all lie below a tree's {@code _output/}.
 */
public final class LinkFreePaths {

    private static final String OUTPUT = "_output";

    private LinkFreePaths() {
    }

    /** A link, or something other than a folder, where the plugin was to write or make a folder. */
    public static final class LinkRefusedException extends KubeBuildException {

        private final Path found;

        LinkRefusedException(Path wanted, Path found, String what) {
            super("Refusing to write " + wanted + ": " + found + " is " + what + ", and the plugin never writes through one.",
                    Hints.linkRefused(found));
            this.found = found;
        }

        /** The path that is a link or no folder. */
        public Path found() {
            return found;
        }
    }

    /**
     * Makes {@code folder} and the folders above it up to {@code top} where missing, each a real folder.
     *
     * @throws LinkRefusedException when one of them is a link or no folder
     */
    public static Path createFolders(Path top, Path folder) {
        Path normal = folder.toAbsolutePath().normalize();
        for (Path current : partsBelow(top, folder)) {
            Optional<BasicFileAttributes> attributes = attributesOf(current);
            if (attributes.isEmpty()) {
                try {
                    Files.createDirectory(current);
                    continue;
                } catch (FileAlreadyExistsException raced) {
                    attributes = attributesOf(current);
                } catch (IOException e) {
                    throw OutputProblem.of(current.getParent(), e);
                }
            }
            requireFolder(normal, current, attributes.orElse(null));
        }
        return folder;
    }

    /** {@link #createFolders(Path, Path)} up from the first {@code _output} folder of {@code folder}. */
    public static Path createFolders(Path folder) {
        return createFolders(topOf(folder), folder);
    }

    /**
     * Fails when a folder between {@code top} and {@code path}, or {@code path} itself, is a link; a missing part
     * passes, as does a folder where a file is wanted (the write itself then fails).
     */
    public static Path requireNoLink(Path top, Path path) {
        Path normal = path.toAbsolutePath().normalize();
        for (Path current : partsBelow(top, path)) {
            Optional<BasicFileAttributes> attributes = attributesOf(current);
            if (attributes.isEmpty()) {
                return path;
            }
            if (attributes.get().isSymbolicLink()) {
                throw new LinkRefusedException(normal, current, "a symbolic link" + targetOf(current));
            }
            if (!current.equals(normal) && !attributes.get().isDirectory()) {
                throw new LinkRefusedException(normal, current, "no folder");
            }
        }
        return path;
    }

    /** Each path from the one right below {@code top} down to {@code path}, which must lie below {@code top}. */
    private static List<Path> partsBelow(Path top, Path path) {
        Path normalTop = top.toAbsolutePath().normalize();
        Path normal = path.toAbsolutePath().normalize();
        if (!normal.startsWith(normalTop)) {
            throw new IllegalArgumentException(path + " is not below " + top);
        }
        List<Path> parts = new ArrayList<>();
        Path current = normalTop;
        for (Path name : normalTop.relativize(normal)) {
            if (!name.toString().isEmpty()) {
                current = current.resolve(name);
                parts.add(current);
            }
        }
        return parts;
    }

    /** {@link #requireNoLink(Path, Path)} from the first {@code _output} folder of {@code path}. */
    public static Path requireNoLink(Path path) {
        return requireNoLink(topOf(path), path);
    }

    /**
     * Writes {@code file} through a new temporary file beside it (made with {@code O_EXCL}, so never through a link),
     * forced to disk, that then replaces it in one rename (a crash leaves the old file or the new one, never a part), which replaces a link at the name rather than writing through it; the
     * folders on the way are checked as {@link #createFolders(Path, Path)} does.
     */
    public static void writeAtomically(Path top, Path file, OutputFolder.Content content) {
        createFolders(top, file.getParent());
        requireNoLink(top, file);
        Path temporary = temporaryBeside(file);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw OutputProblem.of(file.getParent(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /**
     * {@link #writeAtomically(Path, Path, OutputFolder.Content)} from the first {@code _output} folder of {@code file};
     * a file elsewhere (a folder the user named) is checked from its own folder, which is made as the user asked.
     */
    public static void writeAtomically(Path file, OutputFolder.Content content) {
        Path top = topOrNull(file);
        if (top == null) {
            try {
                top = Files.createDirectories(file.toAbsolutePath().normalize().getParent());
            } catch (IOException e) {
                throw OutputProblem.of(file.getParent(), e);
            }
        }
        writeAtomically(top, file, content);
    }

    /**
     * Moves {@code source} to {@code target} in one rename, or, across file systems, by a copy to a new temporary file
     * beside {@code target} and a rename; the target's folder is checked first.
     */
    public static void moveInto(Path top, Path source, Path target) throws IOException {
        createFolders(top, target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException acrossFileSystems) {
            Path temporary = temporaryBeside(target);
            try {
                Files.copy(source, temporary, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(source);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temporary);
                throw e;
            }
        }
    }

    /**
     * Whether a link at {@code relative} (below {@code root}) to {@code target} names a path inside the tree: a
     * relative target that, read from the link's folder, stays below the root.
     */
    public static boolean staysInside(Path root, String relative, String target) {
        if (target.isEmpty() || target.startsWith("/")) {
            return false;
        }
        Path normalRoot = root.toAbsolutePath().normalize();
        Path resolved = normalRoot.resolve(relative).getParent().resolve(target).normalize();
        return resolved.startsWith(normalRoot) && !resolved.equals(normalRoot);
    }

    /** A name beside {@code file} that nothing holds yet. */
    public static Path temporaryBeside(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".kube-maven-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** The folder {@code path}'s checks start from: the first {@code _output} folder's parent, the tree's root. */
    public static Path topOf(Path path) {
        Path top = topOrNull(path);
        if (top == null) {
            throw new IllegalArgumentException(path + " is not below a tree's " + OUTPUT + " folder");
        }
        return top;
    }

    private static Path topOrNull(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        Path current = normal.getRoot();
        for (Path name : normal) {
            if (name.toString().equals(OUTPUT)) {
                return current;
            }
            current = current.resolve(name);
        }
        return null;
    }

    private static void requireFolder(Path wanted, Path current, BasicFileAttributes attributes) {
        if (attributes == null) {
            throw new LinkRefusedException(wanted, current, "gone while it was made");
        }
        if (attributes.isSymbolicLink()) {
            throw new LinkRefusedException(wanted, current, "a symbolic link" + targetOf(current));
        }
        if (!attributes.isDirectory()) {
            throw new LinkRefusedException(wanted, current, "no folder");
        }
    }

    private static Optional<BasicFileAttributes> attributesOf(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw OutputProblem.of(path, e);
        }
    }

    private static String targetOf(Path link) {
        try {
            return " (to " + Files.readSymbolicLink(link) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the run's own temporary name; the next write picks another
        }
    }
}
