package io.github.kubemaven.release;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleasePartsTest {

    @Test
    void classifiersComeFromTheTarballNames() {
        assertThat(ReleaseTarball.of(Path.of("/t/kubernetes-client-linux-amd64.tar.gz")).classifier()).isEqualTo("client-linux-amd64");
        assertThat(ReleaseTarball.of(Path.of("/t/kubernetes-server-linux-arm64.tar.gz")).classifier()).isEqualTo("server-linux-arm64");
        assertThat(ReleaseTarball.of(Path.of("/t/kubernetes-src.tar.gz")).classifier()).isEqualTo("src");
        assertThat(ReleaseTarball.of(Path.of("/t/kubernetes-test-portable.tar.gz")).classifier()).isEqualTo("test-portable");
        assertThat(ReleaseTarball.of(Path.of("/t/kubernetes.tar.gz")).classifier()).isNull();
    }

    @Test
    void partsBringWhatTheyNeedInReleaseOrder() {
        assertThat(ReleasePackager.withNeeds(Set.of("client"))).containsExactly("client");
        assertThat(ReleasePackager.withNeeds(Set.of("server", "client"))).containsExactly("src", "client", "server");
        assertThat(ReleasePackager.withNeeds(Set.of("final"))).containsExactly("manifests", "final");
        assertThat(ReleasePackager.withNeeds(ReleasePackager.PARTS.keySet()))
                .containsExactly("src", "client", "manifests", "node", "server", "final", "test");
    }

    @Test
    void anUnknownPartIsNamedWithTheChoices() {
        assertThatThrownBy(() -> ReleasePackager.withNeeds(Set.of("clients")))
                .isInstanceOf(KubeBuildException.class).hasMessageContaining("[clients]")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("src, client, manifests, node, server, final, test"));
    }
}
