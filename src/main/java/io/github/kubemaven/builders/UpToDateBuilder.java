package io.github.kubemaven.builders;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.stamp.UpToDateRecord;
import io.github.kubemaven.stamp.Verdict;
import io.github.kubemaven.transport.SentRecord;
import io.github.kubemaven.tree.TreeSnapshot;
import io.github.kubemaven.version.VersionStamper;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Any builder, skipped when nothing changed since its last successful run of the same command on this branch or
 * another, and recording each success in {@code _output/kube-maven/build-<name>-<branch hash>.stamp}.
 */
public final class UpToDateBuilder implements Builder {

    private final Builder builder;
    private final CompletableFuture<TreeSnapshot> sources;
    private final Path root;
    private final boolean force;
    private final PhaseTimer timer;
    private final BuildLog log;

    /** @param force build even when nothing changed */
    public UpToDateBuilder(Builder builder, Path root, boolean force, PhaseTimer timer, BuildLog log) {
        this(builder, root, CompletableFuture.supplyAsync(() -> TreeSnapshot.sources(root)), force, timer, log);
    }

    /**
     * @param sources the tree's sources, looked at while the builder got ready
     * @param force   build even when nothing changed
     */
    public UpToDateBuilder(Builder builder, Path root, CompletableFuture<TreeSnapshot> sources, boolean force, PhaseTimer timer,
                           BuildLog log) {
        this.sources = sources;
        this.builder = builder;
        this.root = root;
        this.force = force;
        this.timer = timer;
        this.log = log;
    }

    @Override
    public String recordName() {
        return builder.recordName();
    }

    @Override
    public String recordKey(List<String> command) {
        return builder.recordKey(command);
    }

    @Override
    public Path binaryFolder() {
        return builder.binaryFolder();
    }

    @Override
    public boolean writesTree() {
        return builder.writesTree();
    }

    @Override
    public void run(List<String> command, TreeSnapshot tree, boolean copyOutput) {
        UpToDateRecord record = record(root, builder.binaryFolder(), builder.recordName(), builder.recordKey(command), builder.writesTree(), log);
        Verdict verdict = record.upToDate(force, String.join(" ", command), Futures.awaited(sources));
        timer.done("up-to-date check");
        if (verdict.upToDate()) {
            SentRecord.retimeEvery(root, verdict.retimed());
            builder.binariesAreCurrent();
            return;
        }
        builder.run(command, verdict.before(), copyOutput);
        if (RsyncPipelineBuilder.writesNoSource(command)) {
            record.recordSuccess(verdict);
        } else {
            log.info("Not recording this run for the up-to-date check: " + String.join(" ", command)
                    + " may rewrite sources in the build volume, so its results need not follow from the tree's.");
        }
    }

    /** The current branch's record of the builder {@code recordName} with the key {@code key}. */
    static UpToDateRecord record(Path root, Path binaryFolder, String recordName, String key, boolean writesTree, BuildLog log) {
        String branch = Hashing.md5(new VersionStamper(root).branch()).substring(0, 10);
        return new UpToDateRecord(root, binaryFolder, root.resolve(OutputFolder.PLUGIN_FOLDER), recordName, branch, key, writesTree, log);
    }

    @Override
    public void close() {
        builder.close();
    }
}
