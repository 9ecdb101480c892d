package io.github.kubemaven.maven;

import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.engine.connect.EngineUnavailableException;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.TestsFailedException;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.List;
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
    void proxiesComeFromMavensPropertiesElseFromTheEnvironment() {
        BuildMojo mojo = mojo(Map.of("KUBERNETES_HTTP_PROXY", "http://env:1@proxy:3128", "KUBERNETES_HTTPS_PROXY", "http://env:2@proxy:3129"));
        mojo.properties(Map.of("kube.httpProxy", "http://u:p@ss@proxy:3128")::get);
        var proxies = mojo.settings(new SettingsResolver(mojo.rawParameters())).proxies();
        assertThat(proxies.http()).isEqualTo("http://u:p@ss@proxy:3128");
        assertThat(proxies.https()).isEqualTo("http://env:2@proxy:3129");
    }

    @Test
    void aBadSettingIsAnExecutionFailureOfOneLineAndAHint() {
        BuildMojo mojo = mojo(Map.of());
        mojo.rsyncPort = "eighty";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("kube.rsyncPort is 'eighty', which is not a whole number." + System.lineSeparator()
                        + "Set kube.rsyncPort to a number, or leave it unset.");
    }

    private static BuildMojo failingWith(RuntimeException failure) {
        BuildMojo mojo = new BuildMojo() {
            @Override
            protected void execute(SettingsResolver resolver, Workspace workspace) {
                throw failure;
            }
        };
        mojo.root = new File("/k");
        mojo.environment(Map.<String, String>of()::get);
        return mojo;
    }

    @Test
    void aFailingCommandOrTestIsAFailureAndEverythingElseAnExecutionError() {
        assertThatThrownBy(failingWith(new CommandFailedException("make", 2, List.of("boom"), "hint"))::execute)
                .isInstanceOf(MojoFailureException.class).hasMessageStartingWith("'make' failed with exit code 2");
        assertThatThrownBy(failingWith(new TestsFailedException("make test", List.of("k8s.io/kubectl/pkg"), 1))::execute)
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("k8s.io/kubectl/pkg");
        assertThatThrownBy(failingWith(new EngineUnavailableException("unix:///var/run/docker.sock", new IOException("No such file or directory")))::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("No Docker engine answers at unix:///var/run/docker.sock (No such file or directory).");
    }

    @Test
    void aFaultOfThePluginIsNamedAsOneAndKeepsItsCauseForDashE() {
        NullPointerException bug = new NullPointerException("Cannot invoke \"String.length()\" because \"name\" is null");
        assertThatThrownBy(failingWith(bug)::execute).as("without -e Maven's line stays ours alone").hasNoCause();
        BuildMojo withDashE = failingWith(bug);
        withDashE.showsErrors(() -> true);
        assertThatThrownBy(withDashE::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("The plugin failed unexpectedly: NullPointerException: Cannot invoke")
                .hasMessageContaining("-e")
                .satisfies(e -> {
                    assertThat(e.getCause()).hasMessageStartingWith("java.lang.NullPointerException: Cannot invoke");
                    assertThat(e.getCause().getStackTrace()).isEqualTo(bug.getStackTrace());
                });
        assertThatThrownBy(failingWith(new IllegalStateException("Status 409: conflict"))::execute)
                .hasMessageStartingWith("The Docker engine failed: Status 409");
    }

    @Test
    void aFailureMessageNeverShowsTheCredentialsOfAUrl() {
        assertThatThrownBy(failingWith(new KubeBuildException("Pull through http://u:p@ss/w@proxy:3128 failed", "hint"))::execute)
                .isInstanceOf(MojoExecutionException.class).hasMessageStartingWith("Pull through http://***@proxy:3128 failed")
                .message().doesNotContain("ss/w");
        assertThatThrownBy(failingWith(new IllegalStateException("Status 407: https://ci:t0k@registry.corp/v2/"))::execute)
                .message().doesNotContain("t0k");
        BuildMojo withDashE = failingWith(new IllegalStateException("wrapped", new IOException("https://ci:t0k@registry.corp/v2/")));
        withDashE.showsErrors(() -> true);
        assertThatThrownBy(withDashE::execute)
                .satisfies(e -> {
                    assertThat(e.getCause()).hasMessageNotContaining("t0k");
                    assertThat(e.getCause().getCause()).hasMessageNotContaining("t0k").hasMessageContaining("java.io.IOException");
                });
    }

    @Test
    void anEnginesOwnAnswerBecomesOneLineWithoutAStackTrace() {
        RuntimeException dockerJava = new IllegalStateException("Status 500: {\"message\":\"driver failed programming external connectivity\"}\n\tat somewhere",
                new IOException("port is already allocated"));
        assertThatThrownBy(failingWith(dockerJava)::execute).isInstanceOf(MojoExecutionException.class)
                .satisfies(e -> {
                    List<String> lines = e.getMessage().lines().toList();
                    assertThat(lines).hasSize(2);
                    assertThat(lines.get(0)).startsWith("The Docker engine failed: Status 500").contains("port is already allocated");
                    assertThat(e.getMessage()).doesNotContain("\tat ");
                });
        assertThatThrownBy(failingWith(new UncheckedIOException("Could not write /k/_output/x", new AccessDeniedException("/k/_output/x")))::execute)
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("/k/_output/x: permission denied");
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
