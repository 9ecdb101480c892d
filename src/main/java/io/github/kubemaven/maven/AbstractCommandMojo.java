package io.github.kubemaven.maven;

import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.UserProperty;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Goals that run a command in the build container and may copy its results back.
 */
public abstract class AbstractCommandMojo extends AbstractDevelopmentMojo {

    /**
     * Copies binaries and generated files back into the tree after the command succeeds (KUBE_RUN_COPY_OUTPUT);
     * {@code y}/{@code n} are accepted as upstream's scripts do. Unset: copied back.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.copyOutput")
    protected String copyOutput;

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.COPY_OUTPUT, copyOutput);
    }
}
