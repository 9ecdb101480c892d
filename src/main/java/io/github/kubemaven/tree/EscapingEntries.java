package io.github.kubemaven.tree;

import io.github.kubemaven.ground.LinkFreePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entries of a tree that reach outside it or are no file at all: links whose target leaves the tree, pipes,
 * sockets and devices. A build that writes the tree itself (the bind mount) may plant them; whatever was not there
 * before it ran is removed again.
 */
public final class EscapingEntries {

    private EscapingEntries() {
    }

    /** Each such entry below {@code root} (git's folder left out), relative, with what it is. */
    public static Map<String, String> of(Path root) {
        Map<String, String> found = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return dir.equals(root.resolve(".git")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String relative = root.relativize(file).toString();
                    if (attributes.isSymbolicLink()) {
                        String target = Files.readSymbolicLink(file).toString();
                        if (!LinkFreePaths.staysInside(root, relative, target)) {
                            found.put(relative, "a link to " + target + ", out of the tree");
                        }
                    } else if (attributes.isOther()) {
                        found.put(relative, "no regular file");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look through " + root, e);
        }
        return found;
    }

    /**
     * Removes the entries {@link #of} finds now that {@code before} did not hold as they are, and says what went.
     *
     * @return each removed entry with what it was
     */
    public static Map<String, String> removeNewSince(Path root, Map<String, String> before) {
        Map<String, String> removed = new TreeMap<>();
        of(root).forEach((relative, what) -> {
            if (!what.equals(before.get(relative))) {
                try {
                    Files.deleteIfExists(root.resolve(relative));
                    removed.put(relative, what);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not remove " + root.resolve(relative), e);
                }
            }
        });
        return removed;
    }
}
