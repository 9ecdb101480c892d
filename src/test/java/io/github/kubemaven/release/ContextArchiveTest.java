package io.github.kubemaven.release;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContextArchiveTest {

    @TempDir
    Path context;

    @TempDir
    Path elsewhere;

    /** Entry name to its type and content (a link's target). */
    private static Map<String, String> entries(Path tar) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream entriesIn = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = entriesIn.getNextEntry()) != null) {
                String shown = entry.isSymbolicLink() ? "link " + entry.getLinkName()
                        : entry.isDirectory() ? "folder" : String.format("%o ", entry.getMode() & 0777)
                        + new String(entriesIn.readAllBytes(), StandardCharsets.UTF_8);
                entries.put(entry.getName(), shown + (entry.getLongUserId() == 0 && entry.getLongGroupId() == 0 ? "" : " not root's"));
            }
        }
        return entries;
    }

    @Test
    void theFolderGoesAsItIsWithItsLinksUnfollowed() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM base\nCOPY kube-apiserver /usr/local/bin/\n");
        Files.writeString(context.resolve("kube-apiserver"), "binary");
        Files.setPosixFilePermissions(context.resolve("kube-apiserver"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(context.resolve("etc"));
        Files.writeString(elsewhere.resolve("secret"), "not for the engine");
        Files.createSymbolicLink(context.resolve("etc/secret"), elsewhere.resolve("secret"));

        ContextArchive archive = ContextArchive.write(context, null);
        try {
            assertThat(archive.dockerfile()).isEqualTo("Dockerfile");
            assertThat(entries(archive.file())).containsExactly(
                    Map.entry("Dockerfile", "644 FROM base\nCOPY kube-apiserver /usr/local/bin/\n"),
                    Map.entry("etc/", "folder"),
                    Map.entry("etc/secret", "link " + elsewhere.resolve("secret")),
                    Map.entry("kube-apiserver", "755 binary"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.file()))).isEqualTo("rw-------");
        } finally {
            archive.delete();
        }
        assertThat(archive.file()).doesNotExist();
    }

    @Test
    void aDockerfileOutsideTheFolderIsAddedUnderANameOfItsOwn() throws IOException {
        Files.writeString(context.resolve("kube-proxy"), "binary");
        Path dockerfile = elsewhere.resolve("Dockerfile");
        Files.writeString(dockerfile, "ARG BASEIMAGE\nFROM ${BASEIMAGE}\n");

        ContextArchive archive = ContextArchive.write(context, dockerfile);
        try {
            assertThat(archive.dockerfile()).isEqualTo(ContextArchive.OUTSIDE_DOCKERFILE);
            assertThat(entries(archive.file())).containsEntry(ContextArchive.OUTSIDE_DOCKERFILE, "644 ARG BASEIMAGE\nFROM ${BASEIMAGE}\n")
                    .containsKey("kube-proxy").hasSize(2);
        } finally {
            archive.delete();
        }
    }

    @Test
    void aDockerfileInASubfolderIsNamedByItsPath() throws IOException {
        Files.createDirectories(context.resolve("images"));
        Files.writeString(context.resolve("images/Dockerfile"), "FROM base\n");

        ContextArchive archive = ContextArchive.write(context, context.resolve("images/Dockerfile"));
        try {
            assertThat(archive.dockerfile()).isEqualTo("images/Dockerfile");
        } finally {
            archive.delete();
        }
    }
}
