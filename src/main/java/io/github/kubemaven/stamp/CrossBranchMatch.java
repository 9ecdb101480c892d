package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.tree.GitIgnored;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Looks, when this branch's record does not vouch for the tree as it is, for a record of the same key that saw these
 * sources: this branch's own, whose binaries another branch's build replaced, or another branch's (a new branch, or one
 * that is where another was built). The binaries that record's build left, and the generated files git ignores that it
 * copied out, come back from their stash where the tree no longer holds them.
 */
final class CrossBranchMatch extends RecordsInScope {

    CrossBranchMatch(Path root, Path binaryDir, String scope, RecordKey key, RecordFiles records, BinaryStash stash, BuildLog log) {
        super(root, binaryDir, scope, key, records, stash, log);
    }

    /**
     * A record that saw the sources of {@code before}, and saw its binaries too or left them in its stash, which are
     * then back in the tree; empty when there is none.
     *
     * @param own this branch's record, as the check read it
     */
    Optional<Match> find(Optional<BuildStamp> own, TreeSnapshot before, String commandLine) {
        List<String> everyOther = records.scopesBesides(scope);
        List<String> scopes = new ArrayList<>();
        if (own.filter(stamp -> stamp.key().sameSettings(key)).isPresent()) {
            scopes.add(scope);
        }
        scopes.addAll(everyOther.stream().filter(other -> records.keyedAs(other, key)).toList());
        Map<String, Optional<BuildStamp>> read = new HashMap<>();
        read.put(scope, own);
        Function<String, Optional<BuildStamp>> stampOf = someScope -> read.computeIfAbsent(someScope, records::read);
        Supplier<List<BuildStamp>> seen = () -> Stream.concat(Stream.of(scope), everyOther.stream())
                .map(stampOf).flatMap(Optional::stream).toList();
        for (String candidate : scopes) {
            Optional<BuildStamp> stamp = stampOf.apply(candidate);
            if (stamp.isEmpty() || UpToDateCheck.inputDifference(stamp.get(), before, root).isPresent()) {
                continue;
            }
            Map<String, TreeSnapshot.Entry> generated = UpToDateCheck.generatedDifferences(stamp.get(), before, root);
            if (!generated.isEmpty() && !restorable(candidate, generated, before, seen)) {
                continue;
            }
            boolean binariesAsRecorded = UpToDateCheck.binaryDifference(stamp.get(), before, binaryDir).isEmpty();
            if (!candidate.equals(scope)) {
                log.info("This tree is as the last successful '" + commandLine + "' of another branch saw it.");
            }
            if (binariesAsRecorded || stash.restore(candidate, binaryDir, stamp.get().snapshot().binaries(), before.binaries())) {
                if (!generated.isEmpty()) {
                    stash.restoreGenerated(candidate, root, List.copyOf(generated.keySet()));
                }
                TreeSnapshot now = binariesAsRecorded && generated.isEmpty() ? before : TreeSnapshot.take(root, binaryDir);
                return Optional.of(new Match(candidate, stamp.get(), now));
            }
        }
        return Optional.empty();
    }

    /**
     * A record that vouches for the tree.
     *
     * @param scope the branch whose record it is
     * @param tree  the tree as it is now that the stash put back what it kept
     */
    record Match(String scope, BuildStamp stamp, TreeSnapshot tree) {
    }

    /**
     * Whether the generated files that differ from {@code candidate}'s record can be put back from its stash: each is
     * one git ignores (the build's own output, which a checkout leaves alone), the stash holds it as the record saw it,
     * and the tree's copy, where there is one, is what a recorded build of this tree left (never a file someone edited).
     */
    private boolean restorable(String candidate, Map<String, TreeSnapshot.Entry> differing, TreeSnapshot before,
                               Supplier<List<BuildStamp>> recorded) {
        List<String> paths = List.copyOf(differing.keySet());
        if (!GitIgnored.matchingRules(root, paths).containsAll(paths)) {
            return false;
        }
        if (!paths.stream().allMatch(path -> stash.holdsGenerated(candidate, path, differing.get(path)))) {
            return false;
        }
        List<BuildStamp> seen = recorded.get();
        for (String path : paths) {
            TreeSnapshot.Entry current = before.generated().get(path);
            if (current != null && seen.stream().noneMatch(stamp -> asRecorded(stamp.snapshot().generated().get(path), current, TreeKeys.path(root, path)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a file is as a record saw it: a record taken right after copy-out also knows the file by content, which
     * a later look at the same file need not.
     */
    private static boolean asRecorded(TreeSnapshot.Entry recorded, TreeSnapshot.Entry current, Path file) {
        return recorded != null && !UpToDateCheck.changed(recorded, current, file);
    }
}
