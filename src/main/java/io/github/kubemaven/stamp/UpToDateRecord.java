package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.tree.GitIgnored;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The up-to-date records of one command on one tree, one per branch (scope): whether a last success saw exactly what
 * the tree holds now, and the recording of a new success.
 * <p>
 * The build is skipped when this branch's record, or another branch's record of the same key, saw this tree; a
 * branch built before gets the binaries its build left back from their stash. A file whose time changed but whose
 * size, permissions and content did not is no change.
 * <p>
 * A success is recorded only when no source changed while the build ran, apart from files git ignores (which the
 * build itself writes, such as bindata.go): an edit made during the build may not be in its results.
 */
public final class UpToDateRecord {

    private static final String PREFIX = "build-";
    private static final String SUFFIX = ".stamp";

    private final Path root;
    private final Path binaryDir;
    private final Path folder;
    private final String recordName;
    private final String scope;
    private final RecordKey key;
    private final BuildLog log;
    private final boolean buildWritesTree;
    private final BinaryStash stash;
    private TreeSnapshot before;
    private final Map<String, Retimed> retimed = new TreeMap<>();
    private CompletableFuture<Map<String, String>> contentBefore = CompletableFuture.completedFuture(Map.of());

    /**
     * @param folder          where the records are kept
     * @param recordName      the builder's name, as each builder keeps records of its own
     * @param scope           the branch the records of this run are kept for
     * @param buildWritesTree the build writes into the tree itself (bind mount, host build), so the content of its
     *                        inputs is read before it runs rather than beside it
     */
    public UpToDateRecord(Path root, Path binaryDir, Path folder, String recordName, String scope, String key, boolean buildWritesTree,
                          BuildLog log) {
        this.root = root;
        this.binaryDir = binaryDir;
        this.folder = folder;
        this.recordName = recordName;
        this.scope = scope;
        this.key = RecordKey.parse(key);
        this.buildWritesTree = buildWritesTree;
        this.log = log;
        this.stash = new BinaryStash(folder.resolve("binaries-" + recordName), log);
    }

    private Path stampFile(String someScope) {
        return folder.resolve(PREFIX + recordName + "-" + someScope + SUFFIX);
    }

    /**
     * Looks at the tree; returns true, having said so, when a last successful build saw exactly this.
     * Otherwise forgets this branch's record, so that a failure now leaves nothing recorded.
     */
    public boolean upToDate(boolean force, String commandLine) {
        return upToDate(force, commandLine, TreeSnapshot.sources(root));
    }

    /** {@link #upToDate(boolean, String)} with the tree's sources as {@code sources} saw them a moment ago. */
    public boolean upToDate(boolean force, String commandLine, TreeSnapshot sources) {
        before = sources.withBinariesOf(binaryDir);
        Optional<BuildStamp> own = BuildStamp.read(stampFile(scope));
        if (!force) {
            Optional<String> reason = reasonToBuild(own, commandLine);
            if (reason.isEmpty()) {
                return true;
            }
            log.info("Building because " + reason.get());
        }
        Map<String, String> known = own.map(stamp -> validIn(stamp, before)).orElse(Map.of());
        contentBefore = buildWritesTree ? CompletableFuture.completedFuture(hashes(before, known))
                : CompletableFuture.supplyAsync(() -> hashes(before, known));
        try {
            Files.deleteIfExists(stampFile(scope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }

    /**
     * {@link #upToDate(boolean, String, TreeSnapshot)} without forgetting anything: true, having said so, when a last
     * successful build saw exactly this; otherwise nothing is written or said. The record is read before
     * {@code sources} is asked for the tree, which may still be being walked.
     */
    public boolean unchanged(String commandLine, Supplier<TreeSnapshot> sources) {
        if (!keyRecorded()) {
            return false;
        }
        Optional<BuildStamp> own = BuildStamp.read(stampFile(scope));
        before = sources.get().withBinariesOf(binaryDir);
        return reasonToBuild(own, commandLine).isEmpty();
    }

    /**
     * Whether a record of this builder, this branch's or another's, was written under this run's key: without one
     * the tree cannot be up to date, whatever it holds, and there is no need to wait for a look at it.
     */
    private boolean keyRecorded() {
        return recordedUnderKey(scope) || otherScopes().stream().anyMatch(this::recordedUnderKey);
    }

    /** Whether {@code someScope}'s record was written under this run's key, read without its snapshot. */
    private boolean recordedUnderKey(String someScope) {
        return BuildStamp.keyIn(stampFile(someScope)).filter(key::sameSettings).isPresent();
    }

    private Optional<String> reasonToBuild(Optional<BuildStamp> own, String commandLine) {
        Optional<String> reason = UpToDateCheck.reasonToBuild(own, key, before, root, binaryDir);
        if (reason.isEmpty()) {
            log.info(upToDate(commandLine));
            refresh(own.get());
            return reason;
        }
        return matchElsewhere(own, commandLine) ? Optional.empty() : reason;
    }

    private static String upToDate(String commandLine) {
        return "Up to date: nothing changed since the last successful '" + commandLine
                + "'; the build is skipped (-Dkube.force=true rebuilds).";
    }

    /**
     * Whether a record that saw these sources also saw these binaries, or left them in its stash: this branch's own
     * (its binaries replaced by another branch's build) or another branch's of the same key (a new branch, or one
     * that is where another was built).
     */
    private boolean matchElsewhere(Optional<BuildStamp> own, String commandLine) {
        List<String> everyOther = otherScopes();
        List<String> others = everyOther.stream().filter(this::recordedUnderKey).toList();
        List<String> scopes = new ArrayList<>();
        if (own.filter(stamp -> stamp.key().sameSettings(key)).isPresent()) {
            scopes.add(scope);
        }
        scopes.addAll(others);
        Map<String, Optional<BuildStamp>> read = new HashMap<>();
        read.put(scope, own);
        Function<String, Optional<BuildStamp>> stampOf = someScope -> read.computeIfAbsent(someScope, s -> BuildStamp.read(stampFile(s)));
        Supplier<List<BuildStamp>> seen = () -> Stream.concat(Stream.of(scope), everyOther.stream())
                .map(stampOf).flatMap(Optional::stream).toList();
        for (String candidate : scopes) {
            Optional<BuildStamp> stamp = stampOf.apply(candidate);
            if (stamp.isEmpty() || UpToDateCheck.inputDifference(stamp.get(), before, root).isPresent()) {
                continue;
            }
            Map<String, TreeSnapshot.Entry> generated = UpToDateCheck.generatedDifferences(stamp.get(), before, root);
            if (!generated.isEmpty() && !restorable(candidate, generated, seen)) {
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
                log.info(upToDate(commandLine));
                before = binariesAsRecorded && generated.isEmpty() ? before : TreeSnapshot.take(root, binaryDir);
                new BuildStamp(key, before, stamp.get().contents()).write(stampFile(scope));
                if (!candidate.equals(scope)) {
                    stash.keep(scope, binaryDir, before.binaries(), root, ignoredGenerated(before));
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the generated files that differ from {@code candidate}'s record can be put back from its stash: each is
     * one git ignores (the build's own output, which a checkout leaves alone), the stash holds it as the record saw it,
     * and the tree's copy, where there is one, is what a recorded build of this tree left (never a file someone edited).
     */
    private boolean restorable(String candidate, Map<String, TreeSnapshot.Entry> differing, Supplier<List<BuildStamp>> records) {
        List<String> paths = List.copyOf(differing.keySet());
        if (!ignoredByGit(paths).containsAll(paths)) {
            return false;
        }
        if (!paths.stream().allMatch(path -> stash.holdsGenerated(candidate, path, differing.get(path)))) {
            return false;
        }
        List<BuildStamp> seen = records.get();
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

    /** The generated files of {@code snapshot} that git ignores: the ones a checkout does not put back. */
    private Map<String, TreeSnapshot.Entry> ignoredGenerated(TreeSnapshot snapshot) {
        Set<String> ignored = ignoredByGit(List.copyOf(snapshot.generated().keySet()));
        Map<String, TreeSnapshot.Entry> files = new HashMap<>(snapshot.generated());
        files.keySet().retainAll(ignored);
        return files;
    }

    /** Other branches' records of this builder, whatever their key, the most recently written first. */
    private List<String> otherScopes() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        String prefix = PREFIX + recordName + "-";
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(prefix) && name.endsWith(SUFFIX) && !file.equals(stampFile(scope));
                    })
                    .sorted(Comparator.comparing(OutputFolder::modifiedOrEpoch).reversed())
                    .map(file -> {
                        String name = file.getFileName().toString();
                        return name.substring(prefix.length(), name.length() - SUFFIX.length());
                    })
                    .toList();
        } catch (IOException e) {
            return List.of();
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
     * Writes the record again when files were only touched, so that the next look vouches for them by time again, and
     * notes the files touched as {@link #retimed()}.
     */
    private void refresh(BuildStamp stamp) {
        boolean touched = !stamp.snapshot().inputs().equals(before.inputs()) || !stamp.snapshot().generated().equals(before.generated());
        if (touched) {
            new BuildStamp(key, before, stamp.contents()).write(stampFile(scope));
            noteRetimed(stamp.snapshot().inputs(), before.inputs());
            noteRetimed(stamp.snapshot().generated(), before.generated());
        }
    }

    private void noteRetimed(Map<String, TreeSnapshot.Entry> recorded, Map<String, TreeSnapshot.Entry> current) {
        recorded.forEach((path, was) -> {
            TreeSnapshot.Entry now = current.get(path);
            if (now != null && !now.sizeAndTime().equals(was.sizeAndTime())) {
                retimed.put(path, new Retimed(was, now));
            }
        });
    }

    /** A file the check found touched with its content unchanged: as the record knew it, and as it is now. */
    public record Retimed(TreeSnapshot.Entry was, TreeSnapshot.Entry now) {
    }

    /** The inputs and generated files found touched, content unchanged, by a check that found the tree up to date. */
    public Map<String, Retimed> retimed() {
        return Collections.unmodifiableMap(retimed);
    }

    /** The tree as {@link #upToDate} saw it, before the build. */
    public TreeSnapshot before() {
        return before;
    }

    /** Records the tree as this successful build left it. */
    public void recordSuccess() {
        Map<String, String> hashesBefore = Futures.awaited(contentBefore);
        TreeSnapshot after = TreeSnapshot.take(root, binaryDir);
        List<String> changed = changedInputs(before.inputs(), after.inputs(), hashesBefore);
        changed.removeAll(ignoredByGit(changed));
        if (changed.isEmpty()) {
            Map<String, String> known = validIn(new BuildStamp(key, before, hashesBefore), after);
            new BuildStamp(key, after, hashes(after, known)).write(stampFile(scope));
            stash.keep(scope, binaryDir, after.binaries(), root, ignoredGenerated(after));
        } else {
            log.info("Not recording this build as up to date: " + changed.get(0) + (changed.size() > 1 ? " and " + (changed.size() - 1) + " more" : "")
                    + " changed while it ran");
        }
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

    /** Which of {@code paths} git's ignore rules match in the tree; none when the tree is no git checkout. */
    private Set<String> ignoredByGit(List<String> paths) {
        return GitIgnored.matchingRules(root, paths);
    }
}
