package io.github.kubemaven.maven;

import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.config.UserProperty;
import io.github.kubemaven.orchestrate.CleanGoal;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes this tree's build containers, images and volumes, of every branch built on the engine, and its
 * {@code _output/} folder, as {@code build/make-clean.sh} does. Other trees' state is left alone.
 *
 * @since 0.1.0
 */
@Mojo(name = "clean", requiresProject = false, threadSafe = true)
public class CleanMojo extends AbstractKubeMojo {

    /**
     * The kube-cross image repository to build on (KUBE_CROSS_IMAGE). Unset: the one the tree's Dockerfile names.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.crossImage")
    protected String crossImage;

    /**
     * {@code kube:clean} also removes the shared Go build cache of this tree's build image, which other trees and
     * branches use too; left alone otherwise.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.cleanCache", defaultValue = "false")
    protected boolean cleanCache;

    /**
     * Removes only the containers, images and volumes of the branch checked out now, and leaves those of the tree's
     * other branches for their next build.
     *
     * @since 0.2.0
     */
    @Parameter(property = "kube.cleanBranch", defaultValue = "false")
    protected boolean cleanBranch;

    @Override
    protected String goalName() {
        return "kube:clean";
    }

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.CROSS_IMAGE, crossImage)
                .with(UserProperty.CLEAN_CACHE, cleanCache)
                .with(UserProperty.CLEAN_BRANCH, cleanBranch);
    }

    @Override
    protected void execute(SettingsResolver resolver, Workspace workspace) {
        new CleanGoal(workspace, resolver.cleanBranch()).clean();
    }
}
