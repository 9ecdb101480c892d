package io.github.kubemaven.maven;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.TestsFailedException;
import io.github.kubemaven.orchestrate.KubeBuild;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.apache.maven.settings.Proxy;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Parameters every goal shares, and the mapping of core failures onto Maven's.
 * Each parameter falls back to the environment variable upstream's scripts read.
 */
public abstract class AbstractKubeMojo extends AbstractMojo {

    /**
     * Skips the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The root of the Kubernetes tree (KUBE_ROOT). Without a pom, the current directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.root", defaultValue = "${basedir}")
    protected File root;

    /**
     * The Docker engine's address, for example {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}.
     * Unset: DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH and the current docker context decide.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.dockerHost")
    protected String dockerHost;

    /**
     * The kube-cross image repository to build on (KUBE_CROSS_IMAGE). Unset: the one the tree's Dockerfile names.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.crossImage")
    protected String crossImage;

    /**
     * The kube-cross image tag (KUBE_CROSS_VERSION). Unset: {@code build/build-image/cross/VERSION}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.crossTag")
    protected String crossTag;

    /**
     * The platforms to build for, space or comma separated, for example {@code linux/amd64 linux/arm64}
     * (KUBE_BUILD_PLATFORMS). Unset: the tree's default.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.platforms")
    protected String platforms;

    /**
     * Flags for every go command (GOFLAGS).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.goflags")
    protected String goflags;

    /**
     * Flags for the Go compiler (GOGCFLAGS), for example {@code -N -l}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.gogcflags")
    protected String gogcflags;

    /**
     * Flags for the Go linker (GOLDFLAGS). Unset: not passed at all, as upstream does.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.goldflags")
    protected String goldflags;

    /**
     * The build's verbosity (KUBE_VERBOSE), 0 to 10, default 2 as upstream; from 6 on, rsync lists each file it moves.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.verbose")
    protected String verbose;

    /**
     * Builds only the host platform of each cross build (KUBE_FASTBUILD).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.fastBuild")
    protected String fastBuild;

    /**
     * Seconds since the epoch to stamp into the binaries (SOURCE_DATE_EPOCH). Unset: the commit time of HEAD
     * when the tree is a git checkout, so that a plain build is reproducible.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.sourceDateEpoch")
    protected String sourceDateEpoch;

    /**
     * The port on 127.0.0.1 the rsync container listens on (KUBE_RSYNC_PORT). Unset: an ephemeral port.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.rsyncPort")
    protected String rsyncPort;

    /**
     * The rsync compression level, 0 (off) to 9 (KUBE_RSYNC_COMPRESS).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.rsyncCompress")
    protected String rsyncCompress;

    /**
     * The HTTP proxy for the image build and the containers (KUBERNETES_HTTP_PROXY). Unset: Maven's active proxy.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.httpProxy")
    protected String httpProxy;

    /**
     * The HTTPS proxy for the image build and the containers (KUBERNETES_HTTPS_PROXY). Unset: Maven's active proxy.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.httpsProxy")
    protected String httpsProxy;

    /**
     * Hosts reached without a proxy (KUBERNETES_NO_PROXY). Unset: Maven's active proxy's non-proxy hosts.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.noProxy")
    protected String noProxy;

    /**
     * A version file to stamp the build with instead of asking git (KUBE_GIT_VERSION_FILE).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.gitVersionFile")
    protected File gitVersionFile;

    /**
     * Builds even when nothing changed since the last successful build of the same command.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.force", defaultValue = "false")
    protected boolean force;

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
     * do; local engines only, results land in the tree directly).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.sync", defaultValue = "rsync")
    protected String sync;

    /**
     * Where the build runs: {@code docker} (the build container, as build/run.sh) or {@code local} (make on the host
     * with a local Go; results in {@code _output/local/bin}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.mode", defaultValue = "docker")
    protected String mode;

    /**
     * The Go installation for {@code kube.mode=local}. Unset: GOROOT, then go on PATH, then the newest of
     * /usr/lib/go-* and /usr/local/go.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.goRoot")
    protected File goRoot;

    /**
     * How many seconds a run waits for another run of the same tree to end (both hold the tree's lock from their
     * first container call to their last); 0 fails at once.
     *
     * @since 0.2.0
     */
    @Parameter(property = "kube.lockTimeout")
    protected String lockTimeout;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    private Function<String, String> environment = System::getenv;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goalName() + " (kube.skip)");
            return;
        }
        if (skipped()) {
            return;
        }
        try {
            execute(new KubeBuild(settings(), new MavenBuildLog(getLog())));
        } catch (CommandFailedException | TestsFailedException e) {
            throw new MojoFailureException(MavenBuildLog.plain(e.describe()));
        } catch (KubeBuildException e) {
            throw new MojoExecutionException(MavenBuildLog.plain(e.describe()));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(MavenBuildLog.plain(Hints.fileProblem(e)));
        } catch (RuntimeException e) {
            throw new MojoExecutionException(MavenBuildLog.plain(Hints.engineProblem(e)));
        }
    }

    protected abstract String goalName();

    /** Whether a goal-specific switch skips this run; the goal says why in the log. */
    protected boolean skipped() {
        return false;
    }

    /** Lets a goal add settings of its own. */
    protected void settings(BuildSettings.Builder builder) {
    }

    protected abstract void execute(KubeBuild build) throws MojoExecutionException;

    void environment(Function<String, String> lookup) {
        this.environment = lookup;
    }

    BuildSettings settings() {
        Proxy httpProxySetting = activeProxy("http");
        Proxy httpsProxySetting = activeProxy("https");
        if (httpsProxySetting == null) {
            httpsProxySetting = httpProxySetting;
        }
        BuildSettings.Builder builder = BuildSettings.builder(root == null ? Path.of("").toAbsolutePath() : root.toPath())
                .dockerHost(dockerHost)
                .crossImage(or(crossImage, "KUBE_CROSS_IMAGE"))
                .crossTag(or(crossTag, "KUBE_CROSS_VERSION"))
                .platforms(or(platforms, "KUBE_BUILD_PLATFORMS"))
                .goflags(or(goflags, "GOFLAGS"))
                .gogcflags(or(gogcflags, "GOGCFLAGS"))
                .goldflags(or(goldflags, "GOLDFLAGS"))
                .verbose(number(or(verbose, "KUBE_VERBOSE"), "kube.verbose", 2))
                .fastBuild(Boolean.parseBoolean(or(fastBuild, "KUBE_FASTBUILD")))
                .sourceDateEpoch(epoch(or(sourceDateEpoch, "SOURCE_DATE_EPOCH")))
                .rsyncPort(optionalNumber(or(rsyncPort, "KUBE_RSYNC_PORT"), "kube.rsyncPort"))
                .rsyncCompress(number(or(rsyncCompress, "KUBE_RSYNC_COMPRESS"), "kube.rsyncCompress", 0))
                .offline(session != null && session.isOffline())
                .httpProxy(orElse(or(httpProxy, "KUBERNETES_HTTP_PROXY"), ProxyUrls.url(httpProxySetting)))
                .httpsProxy(orElse(or(httpsProxy, "KUBERNETES_HTTPS_PROXY"), ProxyUrls.url(httpsProxySetting)))
                .noProxy(orElse(or(noProxy, "KUBERNETES_NO_PROXY"),
                        ProxyUrls.nonProxyHosts(httpProxySetting != null ? httpProxySetting : httpsProxySetting)))
                .gitVersionFile(gitVersionFile != null ? gitVersionFile.toPath()
                        : pathOrNull(environment.apply("KUBE_GIT_VERSION_FILE")))
                .force(force)
                .keepGenerated(keepGenerated)
                .syncMode(sync)
                .mode(mode)
                .goRoot(goRoot != null ? goRoot.toPath() : pathOrNull(environment.apply("GOROOT")))
                .lockTimeoutSeconds(optionalNumber(lockTimeout, "kube.lockTimeout"));
        settings(builder);
        return builder.build();
    }

    /**
     * Maven's active proxy for {@code protocol} from settings.xml, its password decrypted; Maven keeps one proxy per
     * protocol, and so does the build: http_proxy from the http one, https_proxy from the https one.
     */
    private Proxy activeProxy(String protocol) {
        if (session == null || session.getSettings() == null) {
            return null;
        }
        for (Proxy proxy : session.getSettings().getProxies()) {
            String own = proxy.getProtocol() == null || proxy.getProtocol().isBlank() ? "http" : proxy.getProtocol();
            if (proxy.isActive() && own.equalsIgnoreCase(protocol)) {
                return decrypted(proxy);
            }
        }
        return null;
    }

    private Proxy decrypted(Proxy proxy) {
        if (settingsDecrypter == null || proxy.getPassword() == null) {
            return proxy;
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
        if (!result.getProblems().isEmpty()) {
            throw new KubeBuildException("The password of proxy '" + proxy.getId() + "' in settings.xml cannot be decrypted: "
                    + result.getProblems().get(0).getMessage(), "Check ~/.m2/settings-security.xml, or give the proxy with KUBERNETES_HTTP_PROXY.");
        }
        return result.getProxy() != null ? result.getProxy() : proxy;
    }

    /** The parameter when set, else the environment variable upstream reads. */
    protected String or(String parameter, String variable) {
        if (parameter != null) {
            return parameter;
        }
        return environment.apply(variable);
    }

    private static String orElse(String value, String fallback) {
        return value != null && !value.isEmpty() ? value : fallback;
    }

    private static Path pathOrNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static int number(String value, String property, int fallback) {
        Integer parsed = optionalNumber(value, property);
        return parsed == null ? fallback : parsed;
    }

    private static Integer optionalNumber(String value, String property) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new KubeBuildException(property + " is '" + value + "', which is not a whole number.", "Set " + property + " to a number, or leave it unset.");
        }
    }

    private static Long epoch(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new KubeBuildException("SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is '" + value + "', not a count of seconds since 1970.",
                    "Set it to a number such as $(git log -1 --format=%ct), or leave it unset to use the commit time of HEAD.");
        }
    }

    static boolean yes(String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Map.of("y", true, "yes", true, "true", true, "n", false, "no", false, "false", false)
                .getOrDefault(value.strip().toLowerCase(java.util.Locale.ROOT), fallback);
    }
}
