package io.github.kubemaven.maven;

import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugin.MojoExecutionException;
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
    void parametersAndTheEnvironmentReachTheSettings() {
        BuildMojo mojo = mojo(Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64", "GOFLAGS", "-v"));
        mojo.platforms = "linux/amd64";
        mojo.keepGenerated = true;
        var settings = mojo.settings(new SettingsResolver(mojo.rawParameters()));
        assertThat(settings.make().platforms()).isEqualTo("linux/amd64");
        assertThat(settings.make().goflags()).isEqualTo("-v");
        assertThat(settings.root()).hasToString("/k");
        assertThat(settings.sync().keepGenerated()).isTrue();
    }

    @Test
    void aBadSettingIsAnExecutionFailureOfOneLineAndAHint() {
        BuildMojo mojo = mojo(Map.of());
        mojo.rsyncPort = "eighty";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("kube.rsyncPort is 'eighty', which is not a whole number." + System.lineSeparator()
                        + "Set kube.rsyncPort to a number, or leave it unset.");
    }

    @Test
    void skipDoesNothing() throws Exception {
        BuildMojo mojo = new BuildMojo() {
            @Override
            protected void execute(SettingsResolver resolver, Workspace workspace) {
                throw new AssertionError("a skipped goal must not run");
            }
        };
        mojo.skip = true;
        mojo.execute();
    }

    @Test
    void terminalEscapesNeverReachMavensLog() {
        assertThat(MavenBuildLog.plain("\u001B[1;32mok\u001B[0m done")).isEqualTo("ok done");
    }
}
