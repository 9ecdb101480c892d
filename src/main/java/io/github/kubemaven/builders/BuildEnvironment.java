package io.github.kubemaven.builders;

import io.github.kubemaven.config.BuildSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment of the build container: what upstream's {@code run_build_command_ex} passes, plus the proxies.
 */
public final class BuildEnvironment {

    public static final String REMOTE_ROOT = "/go/src/k8s.io/kubernetes";
    public static final String OUTPUT_SUBPATH = "_output/dockerized";
    private static final Set<String> SECRET_NAMES = Set.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY");

    private BuildEnvironment() {
    }

    /**
     * @param sourceDateEpoch the effective SOURCE_DATE_EPOCH, or null to pass it empty
     * @param goproxy         the host's GOPROXY, passed on as upstream does
     */
    public static Map<String, String> of(BuildSettings settings, Long sourceDateEpoch, String goproxy) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("GOPROXY", goproxy == null ? "" : goproxy);
        environment.put("KUBE_FASTBUILD", Boolean.toString(settings.fastBuild()));
        environment.put("KUBE_BUILDER_OS", "linux-gnu");
        environment.put("KUBE_VERBOSE", Integer.toString(settings.verbose()));
        environment.put("KUBE_BUILD_WITH_COVERAGE", "");
        environment.put("KUBE_BUILD_PLATFORMS", settings.platforms());
        environment.put("GOFLAGS", settings.goflags());
        environment.put("GOGCFLAGS", settings.gogcflags());
        environment.put("SOURCE_DATE_EPOCH", sourceDateEpoch == null ? "" : Long.toString(sourceDateEpoch));
        if (settings.goldflags() != null) {
            environment.put("GOLDFLAGS", settings.goldflags());
        }
        environment.put("KUBE_OUTPUT_SUBPATH", OUTPUT_SUBPATH);
        environment.put("KUBE_GIT_VERSION_FILE", REMOTE_ROOT + "/" + io.github.kubemaven.version.VersionDefs.PATH);
        environment.putAll(proxies(settings));
        environment.putAll(settings.extraEnvironment());
        return environment;
    }

    /** The proxy variables, in both spellings tools read; empty ones are left out. */
    public static Map<String, String> proxies(BuildSettings settings) {
        Map<String, String> proxies = new LinkedHashMap<>();
        putBoth(proxies, "http_proxy", settings.httpProxy());
        putBoth(proxies, "https_proxy", settings.httpsProxy());
        putBoth(proxies, "no_proxy", settings.noProxy());
        return proxies;
    }

    public static List<String> asList(Map<String, String> environment) {
        List<String> list = new ArrayList<>();
        environment.forEach((name, value) -> list.add(name + "=" + value));
        return list;
    }

    /** The environment as it may be logged: proxy URLs lose their user and password. */
    public static String describe(Map<String, String> environment) {
        List<String> shown = new ArrayList<>();
        withoutCredentials(environment).forEach((name, value) -> shown.add(name + "=" + value));
        return String.join(" ", shown);
    }

    /**
     * The environment with the credentials of proxy URLs replaced: for logs, and for the up-to-date key, so that a
     * new proxy password neither shows nor forces a rebuild.
     */
    public static Map<String, String> withoutCredentials(Map<String, String> environment) {
        Map<String, String> shown = new LinkedHashMap<>();
        environment.forEach((name, value) -> shown.put(name, SECRET_NAMES.contains(name) ? redact(value) : value));
        return shown;
    }

    public static String redact(String url) {
        return url.replaceAll("://[^@/]*@", "://***@");
    }

    private static void putBoth(Map<String, String> proxies, String name, String value) {
        if (value != null && !value.isBlank()) {
            proxies.put(name, value);
            proxies.put(name.toUpperCase(java.util.Locale.ROOT), value);
        }
    }
}
