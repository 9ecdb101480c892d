package io.github.kubemaven.builders;

import io.github.kubemaven.config.BuildSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuildEnvironmentTest {

    @Test
    void passesWhatUpstreamPasses() {
        BuildSettings settings = BuildSettings.builder(Path.of("/k")).platforms("linux/amd64, linux/arm64")
                .goflags("-v").gogcflags("-N -l").verbose(3).fastBuild(true).build();
        Map<String, String> environment = BuildEnvironment.of(settings, 1611000000L, "off");
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
        assertThat(BuildEnvironment.of(BuildSettings.builder(Path.of("/k")).goldflags("").build(), null, null))
                .containsEntry("GOLDFLAGS", "").containsEntry("SOURCE_DATE_EPOCH", "");
        assertThat(BuildEnvironment.of(BuildSettings.builder(Path.of("/k")).goldflags("-s -w").build(), null, null))
                .containsEntry("GOLDFLAGS", "-s -w");
    }

    @Test
    void proxiesGoInBothSpellingsAndTheirCredentialsNeverReachTheLog() {
        BuildSettings settings = BuildSettings.builder(Path.of("/k")).httpProxy("http://user:secret@proxy:3128")
                .httpsProxy("http://proxy:3129").noProxy("localhost,.corp").build();
        Map<String, String> environment = BuildEnvironment.of(settings, null, "");
        assertThat(environment)
                .containsEntry("http_proxy", "http://user:secret@proxy:3128")
                .containsEntry("HTTP_PROXY", "http://user:secret@proxy:3128")
                .containsEntry("https_proxy", "http://proxy:3129")
                .containsEntry("NO_PROXY", "localhost,.corp");
        assertThat(BuildEnvironment.describe(environment)).doesNotContain("secret").contains("http://***@proxy:3128");
    }
}
