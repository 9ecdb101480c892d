package io.github.kubemaven.maven;

import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.orchestrate.CleanGoal;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Removes this tree's build containers, images and volumes and its {@code _output/} folder, as
 * {@code build/make-clean.sh} does. Other trees' state is left alone.
 *
 * @since 0.1.0
 */
@Mojo(name = "clean", requiresProject = false, threadSafe = true)
public class CleanMojo extends AbstractKubeMojo {

    @Override
    protected String goalName() {
        return "kube:clean";
    }

    @Override
    protected void execute(SettingsResolver resolver, Workspace workspace) {
        new CleanGoal(workspace).clean();
    }
}
