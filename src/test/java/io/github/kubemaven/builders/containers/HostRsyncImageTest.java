package io.github.kubemaven.builders.containers;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostRsyncImageTest {

    @TempDir
    Path dir;

    @Test
    void lddOutputGivesEachLibraryBySonameAndTheLoader() throws IOException {
        Path libc = Files.writeString(dir.resolve("libc-2.36.so"), "c");
        Path popt = Files.writeString(dir.resolve("libpopt.so.0.0.2"), "p");
        Path loader = Files.writeString(dir.resolve("ld-2.36.so"), "l");
        Files.createSymbolicLink(dir.resolve("libpopt.so.0"), popt);
        String output = "\tlinux-vdso.so.1 (0x00007ffd1d7e2000)\n"
                + "\tlibpopt.so.0 => " + dir.resolve("libpopt.so.0") + " (0x00007f7a30a99000)\n"
                + "\tlibc.so.6 => " + libc + " (0x00007f7a3021e000)\n"
                + "\t" + loader + " (0x00007f7a30b71000)\n";
        Map<String, Path> libraries = new LinkedHashMap<>();

        Optional<Path> found = HostRsyncImage.parseLdd(output, libraries);

        assertThat(found).contains(loader.toRealPath());
        assertThat(libraries).containsExactly(Map.entry("libpopt.so.0", popt.toRealPath()), Map.entry("libc.so.6", libc.toRealPath()));
    }

    @Test
    void aMissingLibraryIsNamed() {
        assertThatThrownBy(() -> HostRsyncImage.parseLdd("\tlibxxhash.so.0 => not found\n", new LinkedHashMap<>()))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("libxxhash.so.0 => not found");
    }

    @Test
    void theContextRunsRsyncThroughItsOwnLoaderAndNamesTheLoaderForTheDaemon() throws IOException {
        List<HostRsyncImage.ContextFile> files = HostRsyncImage.contextOf("sha256:abc", hostRsync());

        String dockerfile = text(files, "Dockerfile");
        assertThat(dockerfile).startsWith("FROM sha256:abc\n")
                .contains("COPY rsync /usr/bin/rsync")
                .contains("ENV KUBE_MVN_RSYNC_PROCESS=/opt/kube-maven-rsync/ld.so");
        assertThat(text(files, "rsync"))
                .isEqualTo("#!/bin/sh\nexec /opt/kube-maven-rsync/ld.so --library-path /opt/kube-maven-rsync/lib /opt/kube-maven-rsync/rsync \"$@\"\n");
        assertThat(files).extracting(HostRsyncImage.ContextFile::name)
                .contains("kube-maven-rsync/rsync", "kube-maven-rsync/ld.so", "kube-maven-rsync/lib/libc.so.6");
    }

    @Test
    void anotherBaseGivesAnotherImage() {
        Path rsync = hostRsync();
        String first = HostRsyncImage.fingerprint(HostRsyncImage.contextOf("sha256:abc", rsync));

        assertThat(HostRsyncImage.fingerprint(HostRsyncImage.contextOf("sha256:abc", rsync))).isEqualTo(first);
        assertThat(HostRsyncImage.fingerprint(HostRsyncImage.contextOf("sha256:abd", rsync))).isNotEqualTo(first);
    }

    private static Path hostRsync() {
        try {
            return Path.of("/usr/bin/rsync").toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("these tests read this machine's rsync, as the plugin does", e);
        }
    }

    private static String text(List<HostRsyncImage.ContextFile> files, String name) {
        return files.stream().filter(file -> file.name().equals(name)).findFirst().orElseThrow().text();
    }
}
