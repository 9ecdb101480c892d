package io.github.kubemaven.maven;

import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.orchestrate.BuildGoal;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.cli.CommandLineUtils;

import java.util.Arrays;
import java.util.List;

/**
 * Runs any command in the build container, as {@code build/run.sh <command>} does, for example
 * {@code make test WHAT=./pkg/kubectl/...} or {@code hack/verify-gofmt.sh}.
 *
 * @since 0.1.0
 */
@Mojo(name = "run", requiresProject = false, threadSafe = true)
public class RunMojo extends AbstractCommandMojo {

    /**
     * The command line to run, split as a shell would split it (quotes group words). Unset: the goal fails
     * before any container starts, asking for one.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.command")
    protected String command;

    @Override
    protected String goalName() {
        return "kube:run";
    }

    @Override
    protected void execute(SettingsResolver resolver, Workspace workspace) {
        new BuildGoal(workspace).run(split(command), resolver.copyOutput(), false);
    }

    static List<String> split(String commandLine) {
        if (commandLine == null || commandLine.isBlank()) {
            throw new KubeBuildException("kube:run needs a command.",
                    Hints.RUN_COMMAND);
        }
        try {
            return Arrays.asList(CommandLineUtils.translateCommandline(commandLine));
        } catch (Exception e) {
            throw new KubeBuildException("kube.command '" + commandLine + "' cannot be split into words: " + e.getMessage(),
                    Hints.BALANCE_QUOTES);
        }
    }
}
