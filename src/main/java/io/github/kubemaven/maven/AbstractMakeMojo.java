package io.github.kubemaven.maven;

import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.UserProperty;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Goals that run a build: in the build container or on the host, as {@code kube.mode} says, on one engine or spread
 * over several.
 */
public abstract class AbstractMakeMojo extends AbstractContainerMojo {

    /**
     * With {@code kube.engines}: when an engine fails its share, build that share again on an engine whose share
     * succeeded, instead of failing the build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.engineRetry", defaultValue = "false")
    protected boolean engineRetry;

    /**
     * Where the build runs: {@code docker} (the build container, as build/run.sh) or {@code local} (make on the host
     * with a local Go; results in {@code _output/local/bin}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.mode", defaultValue = "docker")
    protected String mode;

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.ENGINE_RETRY, engineRetry)
                .with(UserProperty.MODE, mode);
    }
}
