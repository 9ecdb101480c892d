package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides whether a build may be skipped: only when its key is the last successful build's and every input,
 * generated file and binary is as that build left it. Says what changed otherwise.
 */
public final class UpToDateCheck {

    private UpToDateCheck() {
    }

    /**
     * @param key this build's key, in the form {@link RecordKey#text} gives
     * @return empty when the build is up to date, else the first reason it is not
     */
    public static Optional<String> reasonToBuild(Optional<BuildStamp> last, String key, TreeSnapshot now, Path root, Path binaryDir) {
        return reasonToBuild(last, RecordKey.parse(key), now, root, binaryDir);
    }

    /** The same, for a key already read. */
    static Optional<String> reasonToBuild(Optional<BuildStamp> last, RecordKey key, TreeSnapshot now, Path root, Path binaryDir) {
        if (last.isEmpty()) {
            return Optional.of("no earlier successful build is recorded");
        }
        BuildStamp stamp = last.get();
        if (!stamp.key().sameSettings(key)) {
            return Optional.of(KeyChange.inWords(stamp.key(), key));
        }
        return sourceDifference(stamp, now, root).or(() -> binaryDifference(stamp, now, binaryDir));
    }

    /** The first source or generated file that is not as {@code stamp} saw it, by content where only its time changed. */
    public static Optional<String> sourceDifference(BuildStamp stamp, TreeSnapshot now, Path root) {
        return inputDifference(stamp, now, root)
                .or(() -> firstDifference("generated file", stamp.snapshot().generated(), now.generated(), root, stamp.contents()));
    }

    /** The first source (generated files aside) that is not as {@code stamp} saw it, by content where only its time changed. */
    public static Optional<String> inputDifference(BuildStamp stamp, TreeSnapshot now, Path root) {
        return firstDifference("source", stamp.snapshot().inputs(), now.inputs(), root, stamp.contents());
    }

    /**
     * Every generated file that is not as {@code stamp} saw it (by content where only its time changed), with the
     * entry {@code stamp} knew; a file {@code stamp} did not know is listed with a null entry.
     */
    public static Map<String, TreeSnapshot.Entry> generatedDifferences(BuildStamp stamp, TreeSnapshot now, Path root) {
        Map<String, TreeSnapshot.Entry> before = stamp.snapshot().generated();
        Map<String, TreeSnapshot.Entry> differing = new TreeMap<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(now.generated().keySet());
        for (String path : paths) {
            TreeSnapshot.Entry old = before.get(path);
            TreeSnapshot.Entry current = now.generated().get(path);
            if (old == null || current == null || differs(old, current, TreeKeys.path(root, path), stamp.contents().get(path))) {
                differing.put(path, old);
            }
        }
        return differing;
    }

    /** The first binary that is not as {@code stamp} saw it. */
    public static Optional<String> binaryDifference(BuildStamp stamp, TreeSnapshot now, Path binaryDir) {
        return firstDifference("binary", stamp.snapshot().binaries(), now.binaries(), binaryDir);
    }

    /** The first path that differs between two listings, checking content where the earlier listing knew it. */
    public static Optional<String> firstDifference(String kind, Map<String, TreeSnapshot.Entry> before,
                                                   Map<String, TreeSnapshot.Entry> after, Path base) {
        return firstDifference(kind, before, after, base, Map.of());
    }

    /**
     * The same, where a file whose size and permissions are unchanged and whose content {@code contents} knows
     * (path to hash) is compared by content when its time changed.
     */
    static Optional<String> firstDifference(String kind, Map<String, TreeSnapshot.Entry> before,
                                            Map<String, TreeSnapshot.Entry> after, Path base, Map<String, String> contents) {
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
            if (differs(old, current, TreeKeys.path(base, path), contents.get(path))) {
                return Optional.of(kind + " " + path + " changed");
            }
        }
        return Optional.empty();
    }

    /** Whether a file known in both listings changed, by content where only its time did and {@code knownHash} is given. */
    private static boolean differs(TreeSnapshot.Entry old, TreeSnapshot.Entry current, Path file, String knownHash) {
        return changed(old, current, file) && !sameContent(old, current, file, knownHash);
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

    /** Whether a file that only changed its time still has the content {@code knownHash} says it had. */
    static boolean sameContent(TreeSnapshot.Entry old, TreeSnapshot.Entry current, Path file, String knownHash) {
        return knownHash != null && old.sameButTime(current) && knownHash.equals(Hashing.sha256(file));
    }
}
