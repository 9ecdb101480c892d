package io.github.kubemaven.maven;

import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.UserProperty;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Goals that stamp the tree's version and move files between the tree and the build volume: {@code kube:copy-output},
 * {@code kube:shell} and the goals that run a build.
 */
public abstract class AbstractSyncMojo extends AbstractKubeMojo {

    /**
     * The build's verbosity (KUBE_VERBOSE), 0 to 10; from 6 on, rsync lists each file it moves. Unset: 2, as upstream.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.verbose")
    protected String verbose;

    /**
     * A version file to stamp the build with instead of asking git (KUBE_GIT_VERSION_FILE). Unset: the tree's
     * {@code hack/lib/version.sh} (or git) works the version out.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.gitVersionFile")
    protected File gitVersionFile;

    /**
     * The port on 127.0.0.1 the rsync container listens on (KUBE_RSYNC_PORT). Unset: an ephemeral port.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.rsyncPort")
    protected String rsyncPort;

    /**
     * How the host's rsync reaches the rsync container: {@code api} (over the Engine API connection, an attached exec
     * per transfer; works on any engine) or {@code port} (a port published on the engine host's 127.0.0.1, as upstream
     * does; engines on this machine only). Unset: {@code port} on an engine of this machine (or when {@code rsyncPort}
     * is set), {@code api} on any other.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.rsyncTransport")
    protected String rsyncTransport;

    /**
     * The rsync compression level, 0 (off) to 9 (KUBE_RSYNC_COMPRESS). Unset: 0, as upstream.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.rsyncCompress")
    protected String rsyncCompress;

    /**
     * Keeps generated files ({@code zz_generated.*}, {@code generated.proto}) in the build volume between runs, so
     * make redoes only those whose inputs changed. {@code false} deletes them before each run, as upstream does.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.keepGenerated", defaultValue = "true")
    protected boolean keepGenerated;

    /**
     * How sources reach the build container: {@code rsync} (upstream's data, rsync and build containers; works with
     * remote engines) or {@code bind} (the tree is mounted into the build container, as newer Kubernetes releases
     * do; local engines only, results land in the tree directly). Unset: rsync, unless the build image has no rsync
     * (today's kube-cross need not) and the engine is on this machine, where it is bind.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.sync")
    protected String sync;

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.VERBOSE, verbose)
                .with(UserProperty.GIT_VERSION_FILE, gitVersionFile)
                .with(UserProperty.RSYNC_PORT, rsyncPort)
                .with(UserProperty.RSYNC_TRANSPORT, rsyncTransport)
                .with(UserProperty.RSYNC_COMPRESS, rsyncCompress)
                .with(UserProperty.KEEP_GENERATED, keepGenerated)
                .with(UserProperty.SYNC, sync);
    }
}
