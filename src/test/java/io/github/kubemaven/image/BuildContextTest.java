package io.github.kubemaven.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuildContextTest {

    @TempDir
    Path root;
    private Path directory;

    @org.junit.jupiter.api.BeforeEach
    void contextFolder() {
        directory = root.resolve("_output/images/kube-build");
    }

    @Test
    void holdsTheFourFilesWithTheirModesAndNoSecret() throws IOException {
        BuildContext.write(directory, "FROM x:y\n", "#!/bin/sh\n", Map.of());
        assertThat(directory.resolve("Dockerfile")).hasContent("FROM x:y");
        assertThat(Files.getPosixFilePermissions(directory.resolve("rsyncd.sh"))).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(directory.resolve("localtime")).exists();
        assertThat(Files.readString(directory.resolve(BuildContext.PASSWORD_FILE))).isEqualTo(BuildContext.PASSWORD_PLACEHOLDER);
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("Dockerfile", "rsyncd.sh", "localtime", "rsyncd.password");
        }
    }

    @Test
    void theFingerprintFollowsTheContents() {
        String base = BuildContext.write(directory, "FROM x:y\n", "#!/bin/sh\n", Map.of("crossImageId", "sha256:1")).fingerprint();
        BuildContext again = BuildContext.write(directory, "FROM x:y\n", "#!/bin/sh\n", Map.of("crossImageId", "sha256:1"));
        assertThat(again.fingerprint()).isEqualTo(base);
        assertThat(BuildContext.write(directory, "FROM x:z\n", "#!/bin/sh\n", Map.of("crossImageId", "sha256:1")).fingerprint()).isNotEqualTo(base);
        assertThat(BuildContext.write(directory, "FROM x:y\n", "#!/bin/bash\n", Map.of("crossImageId", "sha256:1")).fingerprint()).isNotEqualTo(base);
        assertThat(BuildContext.write(directory, "FROM x:y\n", "#!/bin/sh\n", Map.of("crossImageId", "sha256:2")).fingerprint()).isNotEqualTo(base);
    }

    @Test
    void aLinkInPlaceOfTheContextFolderIsRefused(@TempDir Path outside) throws IOException {
        Files.createDirectories(directory.getParent());
        Files.createSymbolicLink(directory, outside);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BuildContext.write(directory, "FROM x:y\n", "#!/bin/sh\n", Map.of()))
                .isInstanceOf(io.github.kubemaven.ground.LinkFreePaths.LinkRefusedException.class);
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
