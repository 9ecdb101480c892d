package io.github.kubemaven.maven;

import io.github.kubemaven.config.ProxySettings;
import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.config.UserProperty;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.util.function.Function;

/**
 * Goals that make the build image ready and run a build container of it: {@code kube:shell} and the goals that run a
 * build. What the image is made from, what make is told, and the proxies of both.
 *
 * <p>The proxies ({@code kube.httpProxy}, {@code kube.httpsProxy}) may hold a password, so they are no parameters,
 * whose values {@code mvn -X} prints: they are read from Maven's user and system properties and the project's
 * properties when a goal starts, else from KUBERNETES_HTTP_PROXY and KUBERNETES_HTTPS_PROXY, else from the active
 * proxies of settings.xml.
 */
public abstract class AbstractContainerMojo extends AbstractSyncMojo {

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
     * The most memory each build container may use, such as {@code 8g} or {@code 6144m} (powers of 1024, at least
     * {@code 64m}; Docker's {@code --memory}, with no swap beyond it; on a cluster the build pod's memory request and
     * limit). Only the container that runs the command is limited. Unset: no limit.
     *
     * @since 0.2.0
     */
    @Parameter(property = "kube.memory")
    protected String memory;

    /**
     * The kube-cross image repository to build on (KUBE_CROSS_IMAGE). Unset: the one the tree's Dockerfile names.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.crossImage")
    protected String crossImage;

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
     * Hosts reached without a proxy (KUBERNETES_NO_PROXY). Unset: Maven's active proxy's non-proxy hosts.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.noProxy")
    protected String noProxy;

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
     * The id of a {@code <server>} in Maven's settings.xml whose username and password (decrypted as Maven does) log
     * in to the registry an image is pulled from: the cross image, or the server images' bases. The password is
     * never logged. Unset: images are pulled without a login.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.registryServerId")
    protected String registryServerId;

    /**
     * A registry the build image goes through, as {@code host[:port][/path]}: an engine that lacks the image of the
     * tree's build context pulls {@code <registry>/kube-mvn-build:<context fingerprint>} instead of building it, and one
     * that builds it pushes it there, so that the other nodes of a cluster ({@code kube.engine=kubernetes}), the engines
     * of {@code kube.engines}, and other branches and checkouts pull it rather than build it. The login is the
     * {@code <server>} of settings.xml whose id is the registry's host (with its port), when there is one. Unset: every
     * engine builds the image itself.
     *
     * @since 0.2.0
     */
    @Parameter(property = "kube.registry")
    protected String registry;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    private Function<String, String> properties = this::sessionProperty;

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

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.CPUS, cpus)
                .with(UserProperty.MEMORY, memory)
                .with(UserProperty.CROSS_IMAGE, crossImage)
                .with(UserProperty.PLATFORMS, platforms)
                .with(UserProperty.GOFLAGS, goflags)
                .with(UserProperty.GOGCFLAGS, gogcflags)
                .with(UserProperty.GOLDFLAGS, goldflags)
                .with(UserProperty.FAST_BUILD, fastBuild)
                .with(UserProperty.SOURCE_DATE_EPOCH, sourceDateEpoch)
                .with(UserProperty.OUTPUT_TIMESTAMP, outputTimestamp)
                .with(UserProperty.HTTP_PROXY, properties.apply(UserProperty.HTTP_PROXY.property()))
                .with(UserProperty.HTTPS_PROXY, properties.apply(UserProperty.HTTPS_PROXY.property()))
                .with(UserProperty.NO_PROXY, noProxy)
                .with(UserProperty.SEED, seed)
                .with(UserProperty.REGISTRY, registry);
    }

    @Override
    protected RegistryCredentials registryLogin() {
        return SettingsServers.registryLogin(session != null ? session.getSettings() : null, settingsDecrypter, registryServerId);
    }

    @Override
    protected RegistryCredentials registryLoginForHost(String host) {
        return SettingsServers.loginIfPresent(session != null ? session.getSettings() : null, settingsDecrypter, host);
    }

    /**
     * Maven's active proxies from settings.xml, passwords decrypted; Maven keeps one proxy per protocol, and so does
     * the build: http_proxy from the http one, https_proxy from the https one (else the http one).
     */
    @Override
    protected ProxySettings mavenProxies() {
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
