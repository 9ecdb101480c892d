package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides whether a build may be skipped: only when its key is the last successful build's and every input,
 * generated file and binary is as that build left it. Says what changed otherwise.
 */
public final class UpToDateCheck {

    private UpToDateCheck() {
    }

    /**
     * @return empty when the build is up to date, else the first reason it is not
     */
    public static Optional<String> reasonToBuild(Optional<BuildStamp> last, String key, TreeSnapshot now, Path root, Path binaryDir) {
        if (last.isEmpty()) {
            return Optional.of("no earlier successful build is recorded");
        }
        BuildStamp stamp = last.get();
        if (!stamp.key().equals(key)) {
            return Optional.of("the image, command, environment, platforms or version stamp changed");
        }
        return firstDifference("source", stamp.snapshot().inputs(), now.inputs(), root)
                .or(() -> firstDifference("generated file", stamp.snapshot().generated(), now.generated(), root))
                .or(() -> firstDifference("binary", stamp.snapshot().binaries(), now.binaries(), binaryDir));
    }

    /** The first path that differs between two listings, checking content where the earlier listing knew it. */
    public static Optional<String> firstDifference(String kind, Map<String, TreeSnapshot.Entry> before,
                                                   Map<String, TreeSnapshot.Entry> after, Path base) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            TreeSnapshot.Entry old = before.get(path);
            TreeSnapshot.Entry current = after.get(path);
            if (old == null) {
                return Optional.of(kind + " " + path + " was added");
            }
            if (current == null) {
                return Optional.of(kind + " " + path + " was removed");
            }
            if (changed(old, current, base.resolve(path))) {
                return Optional.of(kind + " " + path + " changed");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a file known then as {@code old} and now as {@code current} changed: by size and time, or, where
     * {@code old} knew the content (a file modified close to that earlier look), by content.
     */
    public static boolean changed(TreeSnapshot.Entry old, TreeSnapshot.Entry current, Path file) {
        if (!old.sizeAndTime().equals(current.sizeAndTime())) {
            return true;
        }
        return old.contentHash() != null
                && !old.contentHash().equals(current.contentHash() != null ? current.contentHash() : Hashing.sha256(file));
    }
}
