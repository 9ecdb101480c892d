package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The up-to-date records of one command on one tree, one per branch (scope): whether a last success saw exactly what
 * the tree holds now, and the recording of a new success.
 * <p>
 * The build is skipped when this branch's record, or another branch's record of the same key, saw this tree
 * ({@link CrossBranchMatch}); a branch built before gets the binaries its build left back from their stash. A file
 * whose time changed but whose size, permissions and content did not is no change. A success is recorded only when no
 * source changed while the build ran ({@link SuccessRecorder}).
 */
public final class UpToDateRecord {

    private final Path root;
    private final Path binaryDir;
    private final String scope;
    private final RecordKey key;
    private final boolean buildWritesTree;
    private final BuildLog log;
    private final RecordFiles records;
    private final BinaryStash stash;
    private final CrossBranchMatch match;
    private final SuccessRecorder recorder;

    /**
     * @param folder          where the records are kept
     * @param recordName      the builder's name, as each builder keeps records of its own
     * @param scope           the branch the records of this run are kept for
     * @param key             the build's key, in the form {@link RecordKey#text} gives
     * @param buildWritesTree the build writes into the tree itself (bind mount, host build), so the content of its
     *                        inputs is read before it runs rather than beside it
     */
    public UpToDateRecord(Path root, Path binaryDir, Path folder, String recordName, String scope, String key, boolean buildWritesTree,
                          BuildLog log) {
        this.root = root;
        this.binaryDir = binaryDir;
        this.scope = scope;
        this.key = RecordKey.parse(key);
        this.buildWritesTree = buildWritesTree;
        this.log = log;
        this.records = new RecordFiles(folder, recordName);
        this.stash = records.stash(log);
        this.match = new CrossBranchMatch(root, binaryDir, scope, this.key, records, stash, log);
        this.recorder = new SuccessRecorder(root, binaryDir, scope, this.key, records, stash, log);
    }

    /**
     * Looks at the tree; up to date, having said so, when a last successful build saw exactly this. Otherwise forgets
     * this branch's record, so that a failure now leaves nothing recorded.
     */
    public Verdict upToDate(boolean force, String commandLine) {
        return upToDate(force, commandLine, TreeSnapshot.sources(root));
    }

    /** {@link #upToDate(boolean, String)} with the tree's sources as {@code sources} saw them a moment ago. */
    public Verdict upToDate(boolean force, String commandLine, TreeSnapshot sources) {
        TreeSnapshot before = sources.withBinariesOf(binaryDir);
        Optional<BuildStamp> own = records.read(scope);
        if (!force) {
            Optional<String> reason = UpToDateCheck.reasonToBuild(own, key, before, root, binaryDir);
            Optional<Verdict> vouched = vouched(own, before, reason, commandLine);
            if (vouched.isPresent()) {
                return vouched.get();
            }
            log.info("Building because " + reason.get());
        }
        CompletableFuture<Map<String, String>> content = recorder.contentOf(before, own, buildWritesTree);
        records.forget(scope);
        return Verdict.toBuild(before, content);
    }

    /**
     * {@link #upToDate(boolean, String, TreeSnapshot)} without forgetting anything: an up-to-date verdict, having said
     * so, when a last successful build saw exactly this; otherwise empty, and nothing is written or said. The record is
     * read before {@code sources} is asked for the tree, which may still be being walked.
     */
    public Optional<Verdict> unchanged(String commandLine, Supplier<TreeSnapshot> sources) {
        if (!keyRecorded()) {
            return Optional.empty();
        }
        Optional<BuildStamp> own = records.read(scope);
        TreeSnapshot before = sources.get().withBinariesOf(binaryDir);
        return vouched(own, before, UpToDateCheck.reasonToBuild(own, key, before, root, binaryDir), commandLine);
    }

    /**
     * Whether a record of this builder, this branch's or another's, was written under this run's key: without one
     * the tree cannot be up to date, whatever it holds, and there is no need to wait for a look at it.
     */
    private boolean keyRecorded() {
        return records.keyedAs(scope, key) || records.scopesBesides(scope).stream().anyMatch(other -> records.keyedAs(other, key));
    }

    /**
     * The verdict that the tree {@code before} is up to date, said in the log, when this branch's record vouches for
     * it ({@code reason} is empty) or another does ({@link CrossBranchMatch}); empty otherwise.
     */
    private Optional<Verdict> vouched(Optional<BuildStamp> own, TreeSnapshot before, Optional<String> reason, String commandLine) {
        if (reason.isEmpty()) {
            log.info(upToDate(commandLine));
            return Optional.of(Verdict.upToDate(before, refresh(own.get(), before)));
        }
        return match.find(own, before, commandLine).map(found -> {
            log.info(upToDate(commandLine));
            records.write(scope, new BuildStamp(key, found.tree(), found.stamp().contents()));
            if (!found.scope().equals(scope)) {
                stash.keep(scope, binaryDir, root, found.tree());
            }
            return Verdict.upToDate(found.tree(), Map.of());
        });
    }

    private static String upToDate(String commandLine) {
        return "Up to date: nothing changed since the last successful '" + commandLine
                + "'; the build is skipped (-Dkube.force=true rebuilds).";
    }

    /**
     * Writes the record again when files were only touched, so that the next look vouches for them by time again.
     *
     * @return the files touched
     */
    private Map<String, Retimed> refresh(BuildStamp stamp, TreeSnapshot now) {
        boolean touched = !stamp.snapshot().inputs().equals(now.inputs()) || !stamp.snapshot().generated().equals(now.generated());
        Map<String, Retimed> retimed = new TreeMap<>();
        if (touched) {
            records.write(scope, new BuildStamp(key, now, stamp.contents()));
            noteRetimed(stamp.snapshot().inputs(), now.inputs(), retimed);
            noteRetimed(stamp.snapshot().generated(), now.generated(), retimed);
        }
        return retimed;
    }

    private static void noteRetimed(Map<String, TreeSnapshot.Entry> recorded, Map<String, TreeSnapshot.Entry> current,
                                    Map<String, Retimed> retimed) {
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

    /** Records the tree as this successful build, started from {@code built}, left it. */
    public void recordSuccess(Verdict built) {
        recorder.record(built.before(), built.contentBefore());
    }
}
