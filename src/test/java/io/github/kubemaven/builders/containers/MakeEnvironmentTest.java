package io.github.kubemaven.builders.containers;

import io.github.kubemaven.config.MakeSettings;
import io.github.kubemaven.config.ProxySettings;
import io.github.kubemaven.version.VersionDefs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MakeEnvironmentTest {

    @Test
    void passesWhatUpstreamPasses() {
        MakeSettings make = new MakeSettings("linux/amd64 linux/arm64", "-v", "-N -l", null, 3, true, null, null, "off", Map.of());
        Map<String, String> environment = MakeEnvironment.of(make, ProxySettings.NONE, 1611000000L);
        assertThat(environment)
                .containsEntry("KUBE_BUILD_PLATFORMS", "linux/amd64 linux/arm64")
                .containsEntry("GOFLAGS", "-v")
                .containsEntry("GOGCFLAGS", "-N -l")
                .containsEntry("KUBE_VERBOSE", "3")
                .containsEntry("KUBE_FASTBUILD", "true")
                .containsEntry("SOURCE_DATE_EPOCH", "1611000000")
                .containsEntry("GOPROXY", "off")
                .containsEntry("KUBE_OUTPUT_SUBPATH", "_output/dockerized")
                .containsEntry("KUBE_GIT_VERSION_FILE", "/go/src/k8s.io/kubernetes/_output/kube-maven/version-defs")
                .doesNotContainKey("GOLDFLAGS")
                .doesNotContainKey("http_proxy");
    }

    @Test
    void goldflagsIsPassedOnlyWhenSetEvenIfEmpty() {
        assertThat(MakeEnvironment.of(makeWithGoldflags(""), ProxySettings.NONE, null))
                .containsEntry("GOLDFLAGS", "").containsEntry("SOURCE_DATE_EPOCH", "").containsEntry("GOPROXY", "");
        assertThat(MakeEnvironment.of(makeWithGoldflags("-s -w"), ProxySettings.NONE, null))
                .containsEntry("GOLDFLAGS", "-s -w");
    }

    private static MakeSettings makeWithGoldflags(String goldflags) {
        return new MakeSettings("", "", "", goldflags, 2, false, null, null, null, Map.of());
    }

    @Test
    void proxiesGoInBothSpellingsAndTheirCredentialsNeverReachTheLog() {
        ProxySettings proxies = new ProxySettings("http://user:secret@proxy:3128", "http://proxy:3129", "localhost,.corp");
        Map<String, String> environment = MakeEnvironment.of(makeWithGoldflags(null), proxies, null);
        assertThat(environment)
                .containsEntry("http_proxy", "http://user:secret@proxy:3128")
                .containsEntry("HTTP_PROXY", "http://user:secret@proxy:3128")
                .containsEntry("https_proxy", "http://proxy:3129")
                .containsEntry("NO_PROXY", "localhost,.corp");
        assertThat(MakeEnvironment.describe(environment)).doesNotContain("secret").contains("http://***@proxy:3128");
    }

    @Test
    void aNewPasswordInAnyVariableNeitherShowsNorChangesTheRecordedKey() {
        MakeSettings make = new MakeSettings("", "", "", null, 2, false, null, null, "https://ci:t0k/en@goproxy.corp,direct",
                Map.of("KUBE_TEST_ARGS", "-args --registry=https://bot:pw@registry.corp"));
        ProxySettings proxies = new ProxySettings("http://u:p@ss@proxy:3128", "", "");
        Map<String, String> environment = MakeEnvironment.of(make, proxies, null);
        String shown = MakeEnvironment.describe(environment);
        assertThat(shown).contains("GOPROXY=https://***@goproxy.corp,direct", "http_proxy=http://***@proxy:3128",
                "--registry=https://***@registry.corp").doesNotContain("t0k", "ss@", "pw");

        MakeSettings otherToken = new MakeSettings("", "", "", null, 2, false, null, null, "https://ci:other@goproxy.corp,direct",
                make.extraEnvironment());
        VersionDefs defs = VersionDefs.parse("KUBE_GIT_VERSION='v1.20.2'\n");
        assertThat(MakeEnvironment.recorded(MakeEnvironment.of(otherToken, new ProxySettings("http://u:new@proxy:3128", "", ""), null), defs))
                .isEqualTo(MakeEnvironment.recorded(environment, defs));
    }
}
