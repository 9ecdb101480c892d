package io.github.kubemaven.maven;

import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.UserProperty;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Goals that run a build for development, not for a release: they may run it on the host with a local Go, and in the
 * build container they share the Go build cache of every tree built with the same build image.
 */
public abstract class AbstractDevelopmentMojo extends AbstractMakeMojo {

    /**
     * The size of the Go build cache that every tree and branch built with the same build image shares on an engine
     * (a volume beside each tree's own): after a build over it, the least recently used entries go until it holds 80%
     * of this. A number of bytes, or with {@code K}, {@code M}, {@code G} or {@code T} (powers of 1024).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.goCacheSize", defaultValue = "10G")
    protected String goCacheSize;

    /**
     * The Go installation for {@code kube.mode=local}. Unset: GOROOT, then go on PATH, then the newest of
     * /usr/lib/go-* and /usr/local/go.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.goRoot")
    protected File goRoot;

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.GO_CACHE_SIZE, goCacheSize)
                .with(UserProperty.GO_ROOT, goRoot);
    }
}
