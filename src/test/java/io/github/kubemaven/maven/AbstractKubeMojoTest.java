package io.github.kubemaven.maven;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.orchestrate.KubeBuild;
import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AbstractKubeMojoTest {

    private static BuildMojo mojo(Map<String, String> environment) {
        BuildMojo mojo = new BuildMojo();
        mojo.root = new File("/k");
        mojo.environment(environment::get);
        return mojo;
    }

    @Test
    void upstreamsEnvironmentVariablesFillUnsetParameters() {
        BuildSettings settings = mojo(Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64", "GOFLAGS", "-v", "KUBE_RSYNC_PORT", "8731",
                "SOURCE_DATE_EPOCH", "1611000000", "KUBERNETES_HTTP_PROXY", "http://proxy:3128", "KUBE_VERBOSE", "6")).settings();
        assertThat(settings.platforms()).isEqualTo("linux/arm64");
        assertThat(settings.goflags()).isEqualTo("-v");
        assertThat(settings.rsyncPort()).isEqualTo(8731);
        assertThat(settings.sourceDateEpoch()).isEqualTo(1611000000L);
        assertThat(settings.httpProxy()).isEqualTo("http://proxy:3128");
        assertThat(settings.verbose()).isEqualTo(6);
        assertThat(settings.goldflags()).isNull();
    }

    @Test
    void parametersWinOverTheEnvironment() {
        BuildMojo mojo = mojo(Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64"));
        mojo.platforms = "linux/amd64";
        assertThat(mojo.settings().platforms()).isEqualTo("linux/amd64");
    }

    @Test
    void badNumbersNameTheirProperty() {
        BuildMojo mojo = mojo(Map.of());
        mojo.rsyncPort = "eighty";
        assertThatThrownBy(mojo::settings).isInstanceOf(KubeBuildException.class).hasMessageContaining("kube.rsyncPort");
        mojo.rsyncPort = "70000";
        assertThatThrownBy(mojo::settings).isInstanceOf(KubeBuildException.class).hasMessageContaining("70000");
        mojo.rsyncPort = null;
        mojo.sourceDateEpoch = "yesterday";
        assertThatThrownBy(mojo::settings).isInstanceOf(KubeBuildException.class).hasMessageContaining("SOURCE_DATE_EPOCH");
    }

    @Test
    void skipDoesNothing() throws Exception {
        BuildMojo mojo = new BuildMojo() {
            @Override
            protected void execute(KubeBuild build) {
                throw new AssertionError("a skipped goal must not run");
            }
        };
        mojo.skip = true;
        mojo.execute();
    }

    @Test
    void copyOutputAcceptsUpstreamsYesAndNo() {
        assertThat(AbstractKubeMojo.yes("n", true)).isFalse();
        assertThat(AbstractKubeMojo.yes("Y", false)).isTrue();
        assertThat(AbstractKubeMojo.yes("false", true)).isFalse();
        assertThat(AbstractKubeMojo.yes(null, true)).isTrue();
    }

    @Test
    void terminalEscapesNeverReachMavensLog() {
        assertThat(MavenBuildLog.plain("\u001B[1;32mok\u001B[0m done")).isEqualTo("ok done");
    }
}
