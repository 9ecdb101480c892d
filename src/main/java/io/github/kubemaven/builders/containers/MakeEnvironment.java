package io.github.kubemaven.builders.containers;

import io.github.kubemaven.config.MakeSettings;
import io.github.kubemaven.config.ProxySettings;
import io.github.kubemaven.ground.CredentialRedaction;
import io.github.kubemaven.version.VersionDefs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of the build command: what upstream's {@code run_build_command_ex} passes, plus the proxies.
 */
public final class MakeEnvironment {

    public static final String REMOTE_ROOT = "/go/src/k8s.io/kubernetes";
    public static final String OUTPUT_SUBPATH = "_output/dockerized";
    /** The variable that names the platforms the build makes binaries for. */
    public static final String PLATFORMS = "KUBE_BUILD_PLATFORMS";

    private MakeEnvironment() {
    }

    /**
     * The build container's environment.
     *
     * @param sourceDateEpoch the effective SOURCE_DATE_EPOCH, or null to pass it empty
     */
    public static Map<String, String> of(MakeSettings make, ProxySettings proxies, Long sourceDateEpoch) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("GOPROXY", make.goproxy() == null ? "" : make.goproxy());
        environment.put("KUBE_FASTBUILD", Boolean.toString(make.fastBuild()));
        environment.put("KUBE_BUILDER_OS", "linux-gnu");
        environment.put("KUBE_VERBOSE", Integer.toString(make.verbose()));
        environment.put("KUBE_BUILD_WITH_COVERAGE", "");
        environment.put(PLATFORMS, make.platforms());
        environment.put("GOFLAGS", make.goflags());
        environment.put("GOGCFLAGS", make.gogcflags());
        environment.put("SOURCE_DATE_EPOCH", sourceDateEpoch == null ? "" : Long.toString(sourceDateEpoch));
        if (make.goldflags() != null) {
            environment.put("GOLDFLAGS", make.goldflags());
        }
        environment.put("KUBE_OUTPUT_SUBPATH", OUTPUT_SUBPATH);
        environment.put("KUBE_GIT_VERSION_FILE", REMOTE_ROOT + "/" + VersionDefs.PATH);
        environment.putAll(proxies.asEnvironment());
        environment.putAll(make.extraEnvironment());
        return environment;
    }

    public static List<String> asList(Map<String, String> environment) {
        List<String> list = new ArrayList<>();
        environment.forEach((name, value) -> list.add(name + "=" + value));
        return list;
    }

    /** The environment as it may be logged: every URL in it loses its user and password. */
    public static String describe(Map<String, String> environment) {
        List<String> shown = new ArrayList<>();
        withoutCredentials(environment).forEach((name, value) -> shown.add(name + "=" + value));
        return String.join(" ", shown);
    }

    /**
     * The environment with the user-info of every URL in its values hidden (proxies, GOPROXY lists, GOSUMDB, any
     * other): for logs, and for the up-to-date key, so that a new password neither shows nor forces a rebuild.
     */
    public static Map<String, String> withoutCredentials(Map<String, String> environment) {
        Map<String, String> shown = new LinkedHashMap<>();
        environment.forEach((name, value) -> shown.put(name, CredentialRedaction.redact(value)));
        return shown;
    }

    /**
     * What of a build's environment the up-to-date record keys on: every variable, URL credentials left out (a new
     * password changes no result), and the version stamp the build reads.
     */
    public static Map<String, String> recorded(Map<String, String> environment, VersionDefs versionDefs) {
        Map<String, String> recorded = new LinkedHashMap<>(withoutCredentials(environment));
        recorded.put("kube-maven.version-defs", versionDefs.toFileText());
        return recorded;
    }
}
