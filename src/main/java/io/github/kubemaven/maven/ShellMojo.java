package io.github.kubemaven.maven;

import io.github.kubemaven.builders.containers.Attachment;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.ground.OutputSink;
import io.github.kubemaven.orchestrate.ShellGoal;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.PrintStream;
import java.util.List;

/**
 * Opens a shell in the build container with the tree synced in, as {@code build/shell.sh} does: with a terminal
 * when Maven has one, else reading commands from standard input.
 *
 * @since 0.1.0
 */
@Mojo(name = "shell", requiresProject = false, threadSafe = true)
public class ShellMojo extends AbstractContainerMojo {

    /**
     * A command for the shell to run instead of reading commands, for example {@code "make WHAT=cmd/kubectl"}.
     * Unset: an interactive shell.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.shellCommand")
    protected String shellCommand;

    @Override
    protected String goalName() {
        return "kube:shell";
    }

    @Override
    protected void execute(SettingsResolver resolver, Workspace workspace) {
        ShellGoal goal = new ShellGoal(workspace);
        List<String> arguments = shellCommand == null || shellCommand.isBlank() ? List.of() : List.of("-c", shellCommand);
        if (System.console() == null || shellCommand != null) {
            goal.shell(arguments, Attachment.reading(System.in));
            return;
        }
        PrintStream out = System.out;
        OutputSink raw = (bytes, offset, length) -> {
            out.write(bytes, offset, length);
            out.flush();
        };
        goal.shell(arguments, new Attachment(System.in, true, raw, new SttyTerminal()));
    }
}
