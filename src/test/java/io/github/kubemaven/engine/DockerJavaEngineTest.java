package io.github.kubemaven.engine;

import io.github.kubemaven.engine.connect.EngineUnavailableException;

import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.command.BuildImageCmdImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerJavaEngineTest {

    @Test
    void anImageBuildSendsTheDockerConfigurationsLoginsOnlyToAnEngineThatMayReceiveThem(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        assertThat(DockerJavaEngine.withoutLogins(new BuildImageCmdImpl((command, callback) -> null, context.toFile()), true).getBuildAuthConfigs())
                .isNull();
        AuthConfigurations sent = DockerJavaEngine.withoutLogins(new BuildImageCmdImpl((command, callback) -> null, context.toFile()), false)
                .getBuildAuthConfigs();
        assertThat(sent).isNotNull();
        assertThat(sent.getConfigs()).isEmpty();
    }

    @Test
    void theRegistryOfARepositoryIsReadAsTheDockerCliReadsIt() {
        assertThat(DockerJavaEngine.registryOf("127.0.0.1:5000/kube-it/kube-cross")).isEqualTo("127.0.0.1:5000");
        assertThat(DockerJavaEngine.registryOf("registry.k8s.io/build-image/kube-cross")).isEqualTo("registry.k8s.io");
        assertThat(DockerJavaEngine.registryOf("localhost/kube-cross")).isEqualTo("localhost");
        assertThat(DockerJavaEngine.registryOf("kube-maven-plugin/kube-cross")).isEqualTo("https://index.docker.io/v1/");
        assertThat(DockerJavaEngine.registryOf("debian")).isEqualTo("https://index.docker.io/v1/");
    }

    @Test
    void aListingsStatusGivesTheExitCode() {
        assertThat(DockerJavaEngine.exitCodeIn("Exited (0) 8 seconds ago")).isZero();
        assertThat(DockerJavaEngine.exitCodeIn("Exited (137) About an hour ago")).isEqualTo(137);
        assertThat(DockerJavaEngine.exitCodeIn("Up 3 seconds")).isEqualTo(-1);
        assertThat(DockerJavaEngine.exitCodeIn(null)).isEqualTo(-1);
    }

    @Test
    void noEngineAtTheAddressGivesAOneLineMessageFast(@TempDir Path directory) {
        String address = "unix://" + directory.resolve("docker.sock");
        long start = System.nanoTime();
        try (DockerEngine engine = DockerJavaEngine.connect(address)) {
            assertThatThrownBy(engine::serverVersion)
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageStartingWith("No Docker engine answers at " + address)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                    .satisfies(e -> assertThat(((EngineUnavailableException) e).hint()).contains("dockerd").contains("DOCKER_HOST"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void imagesAreListedUnderTheNamesDockerShows() {
        assertThat(DockerJavaEngine.familiar("docker.io/library/kube-mvn-build:build-0123456789-1-v1.19.8-1"))
                .isEqualTo("kube-mvn-build:build-0123456789-1-v1.19.8-1");
        assertThat(DockerJavaEngine.familiar("docker.io/kube-maven-plugin/kube-cross:v1.19.8-1")).isEqualTo("kube-maven-plugin/kube-cross:v1.19.8-1");
        assertThat(DockerJavaEngine.familiar("kube-mvn-build:build-0123456789-1-v1.19.8-1")).isEqualTo("kube-mvn-build:build-0123456789-1-v1.19.8-1");
        assertThat(DockerJavaEngine.familiar("k8s.gcr.io/build-image/kube-cross:v1.15.5-1")).isEqualTo("k8s.gcr.io/build-image/kube-cross:v1.15.5-1");
        assertThat(DockerJavaEngine.familiar("localhost/kube-maven-plugin/go-base:1.19")).isEqualTo("localhost/kube-maven-plugin/go-base:1.19");
    }
}
