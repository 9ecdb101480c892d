package io.github.kubemaven.maven;

import org.apache.maven.plugins.annotations.Parameter;

/**
 * Goals that run a command in the build container and may copy its results back.
 */
public abstract class AbstractCommandMojo extends AbstractKubeMojo {

    /**
     * Copies binaries and generated files back into the tree after the command succeeds (KUBE_RUN_COPY_OUTPUT).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.copyOutput")
    protected String copyOutput;

    protected boolean copyOutput() {
        return yes(or(copyOutput, "KUBE_RUN_COPY_OUTPUT"), true);
    }
}
