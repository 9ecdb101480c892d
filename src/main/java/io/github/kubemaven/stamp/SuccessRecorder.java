package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.tree.GitIgnored;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Records a successful build as the tree is after it, and keeps its binaries in their stash. A success is recorded
 * only when no source changed while the build ran, apart from files git ignores (which the build itself writes, such
 * as bindata.go): an edit made during the build may not be in its results. The content of the tree before the build,
 * read beside it, tells a file the build rewrote with the same bytes from an edit.
 */
final class SuccessRecorder extends RecordsInScope {

    SuccessRecorder(Path root, Path binaryDir, String scope, RecordKey key, RecordFiles records, BinaryStash stash, BuildLog log) {
        super(root, binaryDir, scope, key, records, stash, log);
    }

    /**
     * Starts reading the content hash of every source and generated file of {@code before}, taken from {@code last}
     * where it knows the file by the same entry.
     *
     * @param buildWritesTree the build writes into the tree itself (bind mount, host build), so the content is read
     *                        before it runs rather than beside it
     */
    CompletableFuture<Map<String, String>> contentOf(TreeSnapshot before, Optional<BuildStamp> last, boolean buildWritesTree) {
        Map<String, String> known = last.map(stamp -> validIn(stamp, before)).orElse(Map.of());
        return buildWritesTree ? CompletableFuture.completedFuture(hashes(before, known))
                : CompletableFuture.supplyAsync(() -> hashes(before, known));
    }

    /**
     * Records the tree as this successful build left it.
     *
     * @param before        the tree as the check saw it before the build
     * @param contentBefore what {@link #contentOf} read of it
     */
    void record(TreeSnapshot before, CompletableFuture<Map<String, String>> contentBefore) {
        Map<String, String> hashesBefore = Futures.awaited(contentBefore);
        TreeSnapshot after = TreeSnapshot.take(root, binaryDir);
        List<String> changed = changedInputs(before.inputs(), after.inputs(), hashesBefore);
        changed.removeAll(GitIgnored.matchingRules(root, changed));
        if (changed.isEmpty()) {
            Map<String, String> known = validIn(new BuildStamp(key, before, hashesBefore), after);
            records.write(scope, new BuildStamp(key, after, hashes(after, known)));
            stash.keep(scope, binaryDir, root, after);
        } else {
            log.info("Not recording this build as up to date: " + changed.get(0) + (changed.size() > 1 ? " and " + (changed.size() - 1) + " more" : "")
                    + " changed while it ran");
        }
    }

    /** The hashes of {@code stamp} whose files {@code snapshot} knows by the same entry as the stamp did. */
    private static Map<String, String> validIn(BuildStamp stamp, TreeSnapshot snapshot) {
        Map<String, String> valid = new HashMap<>(stamp.contents());
        valid.keySet().removeIf(path -> {
            TreeSnapshot.Entry then = stamp.snapshot().inputs().getOrDefault(path, stamp.snapshot().generated().get(path));
            TreeSnapshot.Entry now = snapshot.inputs().getOrDefault(path, snapshot.generated().get(path));
            return then == null || !then.equals(now);
        });
        return valid;
    }

    /**
     * The content hash of every source and generated file of {@code snapshot}, taken from {@code known} where it has
     * the file.
     */
    private Map<String, String> hashes(TreeSnapshot snapshot, Map<String, String> known) {
        Map<String, String> hashes = new HashMap<>();
        for (Map<String, TreeSnapshot.Entry> files : List.of(snapshot.inputs(), snapshot.generated())) {
            files.forEach((path, entry) -> {
                if (!entry.isFile()) {
                    return;
                }
                String hash = known.get(path);
                if (hash == null && entry.contentHash() != null) {
                    hash = entry.contentHash();
                }
                if (hash == null) {
                    try {
                        hash = Hashing.sha256(TreeKeys.path(root, path));
                    } catch (UncheckedIOException e) {
                        return;
                    }
                }
                hashes.put(path, hash);
            });
        }
        return hashes;
    }

    private List<String> changedInputs(Map<String, TreeSnapshot.Entry> earlier, Map<String, TreeSnapshot.Entry> later,
                                       Map<String, String> hashesBefore) {
        Set<String> paths = new TreeSet<>(earlier.keySet());
        paths.addAll(later.keySet());
        List<String> changed = new ArrayList<>();
        for (String path : paths) {
            TreeSnapshot.Entry old = earlier.get(path);
            TreeSnapshot.Entry current = later.get(path);
            Path file = TreeKeys.path(root, path);
            if (old == null || current == null
                    || UpToDateCheck.changed(old, current, file) && !UpToDateCheck.sameContent(old, current, file, hashesBefore.get(path))) {
                changed.add(path);
            }
        }
        return changed;
    }
}
