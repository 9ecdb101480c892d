package io.github.kubemaven.orchestrate;

import io.github.kubemaven.builders.Builder;
import io.github.kubemaven.builders.UpToDateBuilder;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.tree.BinaryFolders;
import io.github.kubemaven.tree.KubeTree;
import io.github.kubemaven.tree.TreeSnapshot;
import io.github.kubemaven.tree.TreeInputs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code kube:build} and {@code kube:run}: a command on the tree, as {@code build/run.sh} runs it, skipped when nothing
 * changed since its last success where asked.
 */
public final class BuildGoal {

    private final Workspace workspace;

    public BuildGoal(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The {@code make} command line {@code build/run.sh make [targets] WHAT=...} would run. */
    public static List<String> makeCommand(List<String> targets, String what) {
        List<String> command = new ArrayList<>();
        command.add("make");
        targets.stream().filter(target -> !target.isBlank()).forEach(command::add);
        if (what != null && !what.isBlank()) {
            command.add("WHAT=" + what.strip());
        }
        return command;
    }

    /**
     * Fails, before any container starts, when {@code what} names something that is no folder of the tree.
     */
    public void checkWhat(String what) {
        TreeInputs.checkWhat(workspace.tree().root(), what);
    }

    /**
     * Runs {@code command} after syncing the tree in, and copies the results out when {@code copyOutput} is set.
     *
     * @param skipWhenUpToDate skip the work when nothing changed since the last successful run of the same command
     *                         (needs {@code copyOutput} where the build does not write the tree itself, so that the tree
     *                         holds that run's results)
     */
    public void run(List<String> command, boolean copyOutput, boolean skipWhenUpToDate) {
        KubeTree tree = workspace.tree();
        TreeInputs.checkPlatforms(tree.root(), workspace.settings().make().platforms());
        try (TreeLock lock = workspace.lock(tree, String.join(" ", command))) {
            runLocked(tree, command, copyOutput, skipWhenUpToDate);
        }
    }

    /** {@link #run} for a caller that holds the tree's lock already. */
    void runLocked(KubeTree tree, List<String> command, boolean copyOutput, boolean skipWhenUpToDate) {
        PhaseTimer timer = new PhaseTimer(workspace.log());
        BinaryFolders before = BinaryFolders.take(tree.root());
        CompletableFuture<TreeSnapshot> sources = skipWhenUpToDate
                ? CompletableFuture.supplyAsync(() -> TreeSnapshot.sources(tree.root())) : null;
        BuilderChoice choice = new BuilderChoice(workspace, tree);
        if (skipWhenUpToDate && (copyOutput || workspace.settings().sync().bind()) && choice.skippedQuickly(command, sources)) {
            timer.done("up-to-date check");
            sayWhatWasMade(tree, before);
            timer.total();
            return;
        }
        try (Builder builder = choice.open(timer)) {
            Builder chosen = skipWhenUpToDate && (copyOutput || builder.writesTree())
                    ? new UpToDateBuilder(builder, tree.root(), sources, workspace.settings().force(), timer, workspace.log())
                    : builder;
            chosen.run(command, null, copyOutput);
        }
        sayWhatWasMade(tree, before);
        timer.total();
    }

    private void sayWhatWasMade(KubeTree tree, BinaryFolders before) {
        BinaryFolders.take(tree.root()).madeSince(before).forEach(workspace.log()::info);
    }

    /**
     * Builds one command on the host with {@code go build -v} in its folder, the quick path of the build docs.
     *
     * @return the binary
     */
    public Path quickBuild(String what) {
        KubeTree tree = workspace.tree();
        return new BuilderChoice(workspace, tree).hostGo(new PhaseTimer(workspace.log())).quickBuild(what);
    }
}
