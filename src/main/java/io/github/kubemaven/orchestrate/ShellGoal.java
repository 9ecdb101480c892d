package io.github.kubemaven.orchestrate;

import io.github.kubemaven.builders.ContainerBuilder;
import io.github.kubemaven.builders.containers.Attachment;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.tree.KubeTree;
import io.github.kubemaven.tree.TreeInputs;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kube:shell}: bash in the build container with the tree's current sources, as {@code build/shell.sh} opens it.
 */
public final class ShellGoal {

    private final Workspace workspace;

    public ShellGoal(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * @param arguments bash's arguments, such as {@code -c "make WHAT=cmd/kubectl"}; none for an interactive shell, whose
     *                  exit status is the user's last command's and no failure of the goal when it ran in a terminal
     */
    public void shell(List<String> arguments, Attachment attachment) {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(arguments);
        KubeTree tree = workspace.tree();
        TreeInputs.checkPlatforms(tree.root(), workspace.settings().make().platforms());
        try (TreeLock lock = workspace.lock(tree, "kube:shell");
             ContainerBuilder builder = new BuilderChoice(workspace, tree).openContainerBuilder(new PhaseTimer(workspace.log()))) {
            builder.shell(command, attachment);
        } catch (CommandFailedException e) {
            if (!arguments.isEmpty() || attachment.host() == null) {
                throw e;
            }
            workspace.log().info("The shell ended with exit status " + e.exitCode() + ", the status of its last command");
        }
    }
}
