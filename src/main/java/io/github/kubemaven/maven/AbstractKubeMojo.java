package io.github.kubemaven.maven;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.ProxySettings;
import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.config.UnknownProperties;
import io.github.kubemaven.config.UserProperty;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.CredentialRedaction;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.TestsFailedException;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Parameters every goal shares, their hand-over to the core's settings, and the mapping of core failures onto
 * Maven's: a failing command or test is a {@link MojoFailureException}, anything else a {@link MojoExecutionException}
 * with one line to read. Each parameter falls back to the environment variable upstream's scripts read.
 *
 * <p>The proxies ({@code kube.httpProxy}, {@code kube.httpsProxy}) may hold a password, so they are no parameters,
 * whose values {@code mvn -X} prints: they are read from Maven's user and system properties and the project's
 * properties when a goal starts, else from KUBERNETES_HTTP_PROXY and KUBERNETES_HTTPS_PROXY, else from the active
 * proxies of settings.xml.
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
     * The most CPUs each build container may use, such as {@code 1} or {@code 2.5} (Docker's {@code --cpus}, at least
     * 0.01): keeps a build from taking a shared engine's every core. Only the container that runs the command is
     * limited; moving files is not. Unset: no limit.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.cpus")
    protected String cpus;

    /**
     * Engines to spread a build of several platforms over, apart by spaces or commas, each an address as
     * {@code kube.dockerHost} takes it ({@code unix://}, {@code tcp://} with TLS from DOCKER_CERT_PATH, {@code ssh://}).
     * Each engine gets its own build image and data container for the tree and builds its share of
     * {@code kube.platforms} at the same time as the others; the binaries all land in {@code _output/dockerized/bin}.
     * Shares follow the seconds each platform took in earlier runs, kept in {@code _output/}. Environment fallback:
     * KUBE_ENGINES. Unset: one engine builds everything.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.engines")
    protected String engines;

    /**
     * With {@code kube.engines}: when an engine fails its share, build that share again on an engine whose share
     * succeeded, instead of failing the build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.engineRetry", defaultValue = "false")
    protected boolean engineRetry;

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
     * Flags for every go command (GOFLAGS). Unset: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.goflags")
    protected String goflags;

    /**
     * Flags for the Go compiler (GOGCFLAGS), for example {@code -N -l}. Unset: none.
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
     * The build's verbosity (KUBE_VERBOSE), 0 to 10; from 6 on, rsync lists each file it moves. Unset: 2, as upstream.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.verbose")
    protected String verbose;

    /**
     * Builds only the host platform of each cross build (KUBE_FASTBUILD). Unset: false, every platform.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.fastBuild")
    protected String fastBuild;

    /**
     * Seconds since the epoch to stamp into the binaries (SOURCE_DATE_EPOCH); a project's
     * {@code project.build.outputTimestamp} takes its place. Unset: the commit time of HEAD when the tree is a git
     * checkout, so that a plain build is reproducible.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.sourceDateEpoch")
    protected String sourceDateEpoch;

    /**
     * The project's reproducible-build time, as Maven's archivers read it (seconds since 1970 or ISO-8601 with an
     * offset). When set, it is the SOURCE_DATE_EPOCH of the build and the time of every release file, ahead of
     * {@code kube.sourceDateEpoch}.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

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
     * Hosts reached without a proxy (KUBERNETES_NO_PROXY). Unset: Maven's active proxy's non-proxy hosts.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.noProxy")
    protected String noProxy;

    /**
     * A version file to stamp the build with instead of asking git (KUBE_GIT_VERSION_FILE). Unset: the tree's
     * {@code hack/lib/version.sh} (or git) works the version out.
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
     * The size of the Go build cache that every tree and branch built with the same build image shares on an engine
     * (a volume beside each tree's own): after a build over it, the least recently used entries go until it holds 80%
     * of this. A number of bytes, or with {@code K}, {@code M}, {@code G} or {@code T} (powers of 1024).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.goCacheSize", defaultValue = "10G")
    protected String goCacheSize;

    /**
     * {@code kube:clean} also removes the shared Go build cache of this tree's build image, which other trees and
     * branches use too; left alone otherwise.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.cleanCache", defaultValue = "false")
    protected boolean cleanCache;

    /**
     * Where a new build volume (a new branch, a new checkout) is filled from before its first sync-in, so that make's
     * state and the generated files carry over: {@code checkouts} (the volume of this tree's other branches or of
     * another checkout on this machine built with the same build image whose last sync-in differs least from the tree),
     * {@code tree} (this tree's volumes only) or {@code none} (every new volume starts empty, as upstream's do). Sync-in
     * then decides by content.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.seed", defaultValue = "checkouts")
    protected String seed;

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
     * first container call to their last); 0 fails at once. Unset: 3600.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.lockTimeout")
    protected String lockTimeout;

    /**
     * The id of a {@code <server>} in Maven's settings.xml whose username and password (decrypted as Maven does) log
     * in to the registry an image is pulled from: the cross image, or the server images' bases. The password is
     * never logged. Unset: images are pulled without a login.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.registryServerId")
    protected String registryServerId;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    private Function<String, String> environment = System::getenv;
    private BooleanSupplier showsErrors = () -> session != null && session.getRequest() != null
            && (session.getRequest().isShowErrors() || getLog().isDebugEnabled());
    private Function<String, String> properties = this::sessionProperty;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goalName() + " (kube.skip)");
            return;
        }
        if (skipped()) {
            return;
        }
        warnAboutUnknownProperties();
        warnAboutUnknownParameters();
        LibraryLoggers.quietDockerJava(showsErrors.getAsBoolean());
        StreamThreadFailures.quiet(showsErrors.getAsBoolean());
        ConsoleFooter footer = footerWanted() ? ConsoleFooter.onThisConsole(System.getenv()) : null;
        try {
            SettingsResolver resolver = new SettingsResolver(rawParameters());
            execute(resolver, Workspace.of(settings(resolver), new MavenBuildLog(getLog(), footer)));
        } catch (CommandFailedException | TestsFailedException e) {
            throw new MojoFailureException(MavenBuildLog.plain(e.describe()), causeShown(e));
        } catch (KubeBuildException e) {
            throw new MojoExecutionException(MavenBuildLog.plain(CredentialRedaction.redact(e.describe())), causeShown(e));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(MavenBuildLog.plain(UnexpectedFailures.fileProblem(e)), causeShown(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException(MavenBuildLog.plain(CredentialRedaction.redact(UnexpectedFailures.runtimeProblem(e))),
                    causeShown(e));
        } finally {
            if (footer != null) {
                footer.close();
            }
        }
    }

    /**
     * The failure behind a goal's error, redacted, when Maven shows errors ({@code -e}, {@code -X}); none otherwise,
     * since Maven adds every cause's message to the one line it prints.
     */
    private Throwable causeShown(RuntimeException e) {
        return showsErrors.getAsBoolean() ? CredentialRedaction.redactedCopy(e) : null;
    }

    /** Whether Maven shows the causes of errors; for tests. */
    void showsErrors(BooleanSupplier showsErrors) {
        this.showsErrors = showsErrors;
    }

    /** Names each {@code -Dkube.*} property of the command line that no goal of the plugin reads. */
    private void warnAboutUnknownProperties() {
        if (session == null || mojoExecution == null) {
            return;
        }
        Set<String> known = new HashSet<>();
        for (UserProperty property : UserProperty.values()) {
            known.add(property.property());
        }
        for (MojoDescriptor mojo : mojoExecution.getMojoDescriptor().getPluginDescriptor().getMojos()) {
            for (org.apache.maven.plugin.descriptor.Parameter parameter : mojo.getParameters()) {
                String expression = parameter.getExpression();
                if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
                    known.add(expression.substring(2, expression.length() - 1));
                }
            }
        }
        UnknownProperties.warnings(session.getUserProperties().stringPropertyNames(), known).forEach(this::warnOnce);
    }

    /**
     * Names each parameter of the plugin's configuration in the pom, for the plugin or this execution, that no goal of
     * the plugin reads; Maven before 3.9 passes them by without a word.
     */
    private void warnAboutUnknownParameters() {
        if (session == null || mojoExecution == null || session.getCurrentProject() == null) {
            return;
        }
        MavenProject project = session.getCurrentProject();
        org.apache.maven.model.Plugin plugin = project.getPlugin(mojoExecution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey());
        if (plugin == null) {
            return;
        }
        Set<String> given = new TreeSet<>(childNames(plugin.getConfiguration()));
        PluginExecution execution = plugin.getExecutionsAsMap().get(mojoExecution.getExecutionId());
        if (execution != null) {
            given.addAll(childNames(execution.getConfiguration()));
        }
        if (given.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        for (MojoDescriptor mojo : mojoExecution.getMojoDescriptor().getPluginDescriptor().getMojos()) {
            for (org.apache.maven.plugin.descriptor.Parameter parameter : mojo.getParameters()) {
                known.add(parameter.getName());
                if (parameter.getAlias() != null) {
                    known.add(parameter.getAlias());
                }
            }
        }
        String pom = project.getFile() == null ? project.getId() : project.getFile().getPath();
        UnknownProperties.configurationWarnings(given, known, pom).forEach(this::warnOnce);
    }

    /** A warning, once in a build of several goals and modules. */
    private void warnOnce(String warning) {
        if (session.getRepositorySession() == null || session.getRepositorySession().getData().set(WARNED + warning, null, Boolean.TRUE)) {
            getLog().warn(warning);
        }
    }

    private static final String WARNED = AbstractKubeMojo.class.getName() + ".warned:";

    private static List<String> childNames(Object configuration) {
        List<String> names = new ArrayList<>();
        if (configuration instanceof Xpp3Dom dom) {
            for (Xpp3Dom child : dom.getChildren()) {
                names.add(child.getName());
            }
        }
        return names;
    }

    /** A live footer for long phases, on an interactive console only; plain lines everywhere else. */
    private boolean footerWanted() {
        return session != null && ConsoleFooter.suits(session.getRequest().isInteractiveMode(), session.isParallel(),
                ConsoleFooter.onConsole(), System.getenv());
    }

    protected abstract String goalName();

    /** Whether a goal-specific switch skips this run; the goal says why in the log. */
    protected boolean skipped() {
        return false;
    }

    /** Whether the goal runs tests, so that KUBE_TEST_ARGS, KUBE_RACE and KUBE_TIMEOUT reach make. */
    protected boolean testing() {
        return false;
    }

    /** Lets a goal hand over parameters of its own. */
    protected void addParameters(RawParameters raw) {
    }

    protected abstract void execute(SettingsResolver resolver, Workspace workspace) throws MojoExecutionException;

    void environment(Function<String, String> lookup) {
        this.environment = lookup;
    }

    void properties(Function<String, String> lookup) {
        this.properties = lookup;
    }

    /** A property as Maven would give it to a parameter: user properties, then system properties, then the project's. */
    private String sessionProperty(String name) {
        if (session == null) {
            return null;
        }
        String value = session.getUserProperties().getProperty(name);
        if (value == null) {
            value = session.getSystemProperties().getProperty(name);
        }
        if (value == null && session.getCurrentProject() != null) {
            value = session.getCurrentProject().getProperties().getProperty(name);
        }
        return value;
    }

    RawParameters rawParameters() {
        RawParameters raw = new RawParameters(environment)
                .with(UserProperty.ROOT, root)
                .with(UserProperty.DOCKER_HOST, dockerHost)
                .with(UserProperty.CPUS, cpus)
                .with(UserProperty.ENGINES, engines)
                .with(UserProperty.ENGINE_RETRY, engineRetry)
                .with(UserProperty.CROSS_IMAGE, crossImage)
                .with(UserProperty.CROSS_TAG, crossTag)
                .with(UserProperty.PLATFORMS, platforms)
                .with(UserProperty.GOFLAGS, goflags)
                .with(UserProperty.GOGCFLAGS, gogcflags)
                .with(UserProperty.GOLDFLAGS, goldflags)
                .with(UserProperty.VERBOSE, verbose)
                .with(UserProperty.FAST_BUILD, fastBuild)
                .with(UserProperty.SOURCE_DATE_EPOCH, sourceDateEpoch)
                .with(UserProperty.OUTPUT_TIMESTAMP, outputTimestamp)
                .with(UserProperty.RSYNC_PORT, rsyncPort)
                .with(UserProperty.RSYNC_COMPRESS, rsyncCompress)
                .with(UserProperty.RSYNC_TRANSPORT, rsyncTransport)
                .with(UserProperty.HTTP_PROXY, properties.apply(UserProperty.HTTP_PROXY.property()))
                .with(UserProperty.HTTPS_PROXY, properties.apply(UserProperty.HTTPS_PROXY.property()))
                .with(UserProperty.NO_PROXY, noProxy)
                .with(UserProperty.GIT_VERSION_FILE, gitVersionFile)
                .with(UserProperty.FORCE, force)
                .with(UserProperty.KEEP_GENERATED, keepGenerated)
                .with(UserProperty.GO_CACHE_SIZE, goCacheSize)
                .with(UserProperty.CLEAN_CACHE, cleanCache)
                .with(UserProperty.SEED, seed)
                .with(UserProperty.SYNC, sync)
                .with(UserProperty.MODE, mode)
                .with(UserProperty.GO_ROOT, goRoot)
                .with(UserProperty.LOCK_TIMEOUT, lockTimeout);
        addParameters(raw);
        return raw;
    }

    BuildSettings settings(SettingsResolver resolver) {
        return resolver.resolve(Path.of("").toAbsolutePath(), session != null && session.isOffline(), mavenProxies(), testing(),
                SettingsServers.registryLogin(session != null ? session.getSettings() : null, settingsDecrypter, registryServerId));
    }

    /**
     * Maven's active proxies from settings.xml, passwords decrypted; Maven keeps one proxy per protocol, and so does
     * the build: http_proxy from the http one, https_proxy from the https one (else the http one).
     */
    private ProxySettings mavenProxies() {
        Proxy http = activeProxy("http");
        Proxy https = activeProxy("https");
        if (https == null) {
            https = http;
        }
        return new ProxySettings(ProxyUrls.url(http), ProxyUrls.url(https), ProxyUrls.nonProxyHosts(http != null ? http : https));
    }

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
                    + result.getProblems().get(0).getMessage(), Hints.PROXY_PASSWORD);
        }
        return result.getProxy() != null ? result.getProxy() : proxy;
    }
}
