package io.github.kubemaven.orchestrate;

import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.TestsFailedException;
import io.github.kubemaven.tree.TreeInputs;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kube:test}: test targets ({@code make test}, {@code make test-integration}, {@code make test-cmd}) in the build
 * container, or on the host in local mode, one after the other; fails at the end naming the failing packages.
 */
public final class TestGoal {

    private final Workspace workspace;

    public TestGoal(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * @param what the packages to test (WHAT), or null for the targets' default
     * @return the failing packages, when {@code ignoreFailures} let the run go on
     */
    public List<String> test(List<String> targets, String what, boolean ignoreFailures) {
        TreeInputs.checkTestWhat(workspace.tree().root(), targets, what);
        TestOutcomeLog outcome = new TestOutcomeLog(workspace.log());
        BuildGoal observed = new BuildGoal(workspace.withLog(outcome));
        List<String> failedTargets = new ArrayList<>();
        int lastExitCode = 0;
        for (String target : targets) {
            try {
                observed.run(BuildGoal.makeCommand(List.of(target), what), false, false);
            } catch (CommandFailedException e) {
                failedTargets.add(target);
                lastExitCode = e.exitCode();
            }
        }
        if (!failedTargets.isEmpty()) {
            TestsFailedException failure = new TestsFailedException("make " + String.join(", make ", failedTargets),
                    outcome.failingPackages(), lastExitCode);
            if (!ignoreFailures) {
                throw failure;
            }
            workspace.log().warn(failure.getMessage() + " (kube.testFailureIgnore: going on)");
        }
        return outcome.failingPackages();
    }
}
