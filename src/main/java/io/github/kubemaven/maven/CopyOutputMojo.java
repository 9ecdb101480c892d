package io.github.kubemaven.maven;

import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.orchestrate.CopyOutputGoal;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Copies binaries and generated files out of the build volume into the tree, as {@code build/copy-output.sh} does.
 *
 * @since 0.1.0
 */
@Mojo(name = "copy-output", requiresProject = false, threadSafe = true)
public class CopyOutputMojo extends AbstractSyncMojo {

    @Override
    protected String goalName() {
        return "kube:copy-output";
    }

    @Override
    protected void execute(SettingsResolver resolver, Workspace workspace) {
        new CopyOutputGoal(workspace).copyOutput();
    }
}
