package io.github.kubemaven.maven;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.ProxySettings;
import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.config.UserProperty;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.CredentialRedaction;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.TestsFailedException;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Parameters every goal shares, their hand-over to the core's settings, and the mapping of core failures onto
 * Maven's: a failing command or test is a {@link MojoFailureException}, anything else a {@link MojoExecutionException}
 * with one line to read. Each parameter falls back to the environment variable upstream's scripts read.
 *
 * <p>Each goal's descriptor, and so its help, lists every parameter its class declares or inherits: a parameter is
 * declared in the class of exactly the goals that read it, here those of every goal.
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
     * A Kubernetes cluster to build on instead of a Docker engine: {@code kubernetes} for the kubeconfig's current
     * context, or {@code k8s://[context][/namespace]}. The kubeconfig is found as kubectl finds it (KUBECONFIG,
     * {@code ~/.kube/config}); the namespace defaults to the context's. Each container of the build runs as a pod on a
     * node annotated {@code io.github.kubemaven/docker-host} with the address of its Docker engine, which builds the
     * build image and keeps the tree's volumes. Unset: a Docker engine ({@code kube.dockerHost}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.engine")
    protected String engine;

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
     * The kube-cross image tag (KUBE_CROSS_VERSION). Unset: {@code build/build-image/cross/VERSION}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.crossTag")
    protected String crossTag;

    /**
     * How many seconds a run waits for another run of the same tree to end (both hold the tree's lock from their
     * first container call to their last); 0 fails at once. Unset: 3600.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.lockTimeout")
    protected String lockTimeout;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    private Function<String, String> environment = System::getenv;
    private BooleanSupplier showsErrors = () -> session != null && session.getRequest() != null
            && (session.getRequest().isShowErrors() || getLog().isDebugEnabled());

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
        UnknownParameters.ofProperties(session.getUserProperties().stringPropertyNames(),
                mojoExecution.getMojoDescriptor().getPluginDescriptor()).forEach(this::warnOnce);
    }

    /**
     * Names each parameter of the plugin's configuration in the pom that no goal of the plugin reads, and each of this
     * execution's configuration that its goals do not read; Maven before 3.9 passes the first by without a word, and
     * every Maven the second.
     */
    private void warnAboutUnknownParameters() {
        if (session == null || mojoExecution == null || session.getCurrentProject() == null) {
            return;
        }
        UnknownParameters.ofConfiguration(session.getCurrentProject(), mojoExecution).forEach(this::warnOnce);
    }

    /** A warning, once in a build of several goals and modules. */
    private void warnOnce(String warning) {
        if (session.getRepositorySession() == null || session.getRepositorySession().getData().set(WARNED + warning, null, Boolean.TRUE)) {
            getLog().warn(warning);
        }
    }

    private static final String WARNED = AbstractKubeMojo.class.getName() + ".warned:";

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

    /** Hands over the parameters a subclass declares; an override hands over its superclass's first. */
    protected void addParameters(RawParameters raw) {
    }

    protected abstract void execute(SettingsResolver resolver, Workspace workspace) throws MojoExecutionException;

    void environment(Function<String, String> lookup) {
        this.environment = lookup;
    }

    RawParameters rawParameters() {
        RawParameters raw = new RawParameters(environment)
                .with(UserProperty.ROOT, root)
                .with(UserProperty.DOCKER_HOST, dockerHost)
                .with(UserProperty.ENGINE, engine)
                .with(UserProperty.ENGINES, engines)
                .with(UserProperty.CROSS_TAG, crossTag)
                .with(UserProperty.LOCK_TIMEOUT, lockTimeout);
        addParameters(raw);
        return raw;
    }

    BuildSettings settings(SettingsResolver resolver) {
        return resolver.resolve(Path.of("").toAbsolutePath(), session != null && session.isOffline(), mavenProxies(), testing(),
                registryLogin(), this::registryLoginForHost);
    }

    /** The proxies where no proxy property or variable is set: none for a goal that builds no image and runs no build. */
    protected ProxySettings mavenProxies() {
        return ProxySettings.NONE;
    }

    /** The login for the images a goal pulls; null for a goal that pulls none. */
    protected RegistryCredentials registryLogin() {
        return null;
    }

    /** The login for the registry host {@code host} (kube.registry); null for none, or for a goal that uses none. */
    protected RegistryCredentials registryLoginForHost(String host) {
        return null;
    }
}
