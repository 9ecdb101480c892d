package io.github.kubemaven.builders;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoToolchainTest {

    @TempDir
    Path root;
    @TempDir
    Path goRoot;

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void fakeGo(String version) throws IOException {
        Path go = goRoot.resolve("bin/go");
        write(go, "#!/bin/sh\necho 'go version go" + version + " linux/amd64'\n");
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theTreeSaysWhichGoItNeeds() throws IOException {
        write(root.resolve("go.mod"), "module k8s.io/kubernetes\n\ngo 1.15\n");
        assertThat(GoToolchain.requiredBy(root)).contains("1.15");
        write(root.resolve("hack/lib/golang.sh"), "  local minimum_go_version\n  minimum_go_version=go1.15.0\n");
        assertThat(GoToolchain.requiredBy(root)).contains("1.15.0");
        write(root.resolve(".go-version"), "1.21.5\n");
        assertThat(GoToolchain.requiredBy(root)).contains("1.21.5");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(GoToolchain.compare("1.19.8", "1.15.0")).isPositive();
        assertThat(GoToolchain.compare("1.9", "1.15")).isNegative();
        assertThat(GoToolchain.compare("1.19", "1.19.0")).isZero();
        assertThat(GoToolchain.compare("1.21rc2", "1.21")).isZero();
    }

    @Test
    void aRecentEnoughGoIsTaken() throws IOException {
        write(root.resolve("go.mod"), "go 1.19\n");
        fakeGo("1.19.8");
        GoToolchain go = GoToolchain.find(root, goRoot);
        assertThat(go.version()).isEqualTo("1.19.8");
        assertThat(go.binDirectory()).isEqualTo(goRoot.resolve("bin"));
    }

    @Test
    void anOldGoIsNamedWithWhatToInstall() throws IOException {
        write(root.resolve("hack/lib/golang.sh"), "minimum_go_version=go1.15.0\n");
        fakeGo("1.14.2");
        assertThatThrownBy(() -> GoToolchain.find(root, goRoot))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("needs Go 1.15.0 or newer")
                .hasMessageContaining("Go 1.14.2")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("golang-1.15-go").contains("kube.goRoot"));
    }

    @Test
    void noGoSaysWhatToInstall() {
        assertThatThrownBy(() -> GoToolchain.find(root, goRoot.resolve("missing")))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("none was found")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("Install Go"));
    }
}
