package io.github.kubemaven.ground;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class OutputFolderTest {

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    @Test
    void removesOutputEvenReadOnlyCachesButNeverFollowsLinks() throws IOException {
        Path cache = Files.createDirectories(root.resolve("_output/local/go/cache/00"));
        Files.writeString(cache.resolve("entry"), "x");
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.writeString(elsewhere.resolve("precious"), "keep");
        Files.createSymbolicLink(root.resolve("_output/link"), elsewhere);
        Files.writeString(root.resolve("Makefile"), "all:");

        assertThat(OutputFolder.delete(root)).isTrue();

        assertThat(root.resolve("_output")).doesNotExist();
        assertThat(elsewhere.resolve("precious")).hasContent("keep");
        assertThat(root.resolve("Makefile")).exists();
    }

    @Test
    void aTreeWithoutOutputIsLeftAsItIs() throws IOException {
        Files.writeString(root.resolve("Makefile"), "all:");
        assertThat(OutputFolder.delete(root)).isFalse();
        assertThat(root.resolve("Makefile")).exists();
    }
}
