package io.github.kubemaven.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerJavaEngineTest {

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
}
