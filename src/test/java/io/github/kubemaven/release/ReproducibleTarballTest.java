package io.github.kubemaven.release;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReproducibleTarballTest {

    private static final long EPOCH = 1611000000L;

    @TempDir
    Path work;

    private Path stage(String name, long fileTime) throws IOException {
        Path stage = work.resolve(name);
        Path kubernetes = Files.createDirectories(stage.resolve("kubernetes/client/bin"));
        Files.writeString(kubernetes.resolve("kubectl"), "binary");
        Files.setPosixFilePermissions(kubernetes.resolve("kubectl"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(stage.resolve("kubernetes/README.md"), "read me");
        Files.writeString(stage.resolve("kubernetes/Zebra"), "upper case sorts first");
        Files.createSymbolicLink(stage.resolve("kubernetes/client/kubectl-link"), Path.of("bin/kubectl"));
        Files.writeString(stage.resolve("not-kubernetes.txt"), "left out");
        try (var paths = Files.walk(stage)) {
            for (Path path : paths.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setLastModifiedTime(path, FileTime.fromMillis(fileTime));
                }
            }
        }
        return stage;
    }

    private static List<TarArchiveEntry> entries(Path tarball) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tarball);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private void write(Path tarball, Path stage) {
        ReproducibleTarball.write(tarball, stage, "", path -> !path.getParent().equals(stage)
                || path.getFileName().toString().equals("kubernetes"), EPOCH);
    }

    @Test
    void twoStagesThatDifferOnlyInPlaceAndTimeGiveTheSameBytes() throws IOException {
        Path first = work.resolve("out/first.tar.gz");
        Path second = work.resolve("out2/first.tar.gz");
        write(first, stage("a", 1_000_000_000_000L));
        write(second, stage("b/deeper", 1_700_000_000_000L));
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void entriesAreSortedOwnedByRootAndStampedWithTheEpoch() throws IOException {
        Path tarball = work.resolve("out/client.tar.gz");
        write(tarball, stage("a", 1_000_000_000_000L));
        List<TarArchiveEntry> entries = entries(tarball);
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(
                "kubernetes/", "kubernetes/README.md", "kubernetes/Zebra", "kubernetes/client/", "kubernetes/client/bin/",
                "kubernetes/client/bin/kubectl", "kubernetes/client/kubectl-link");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLongGroupId()).isZero();
            assertThat(entry.getUserName()).isEqualTo("root");
            assertThat(entry.getModTime().getTime()).isEqualTo(EPOCH * 1000);
        });
        assertThat(entries.get(5).getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get(1).getMode() & 07777).isEqualTo(0644);
        assertThat(entries.get(0).getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get(6).isSymbolicLink()).isTrue();
        assertThat(entries.get(6).getLinkName()).isEqualTo("bin/kubectl");
    }

    @Test
    void aSocketInTheTreeIsLeftOutAsTarLeavesIt() throws Exception {
        Path stage = stage("a", 1_000_000_000_000L);
        Path socket = stage.resolve("kubernetes/agent.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(socket));
            Path tarball = work.resolve("out/with-socket.tar.gz");
            write(tarball, stage);
            assertThat(entries(tarball)).extracting(TarArchiveEntry::getName).doesNotContain("kubernetes/agent.sock")
                    .contains("kubernetes/README.md");
        }
    }

    @Test
    void modesAreGitsWhateverTheUmaskOfTheCheckout() throws IOException {
        Path first = work.resolve("out/first.tar.gz");
        Path second = work.resolve("out2/first.tar.gz");
        write(first, stage("a", 1_000_000_000_000L));
        Path strict = stage("b", 1_000_000_000_000L);
        try (var paths = Files.walk(strict)) {
            for (Path path : paths.filter(path -> !Files.isSymbolicLink(path)).toList()) {
                boolean searchable = Files.isDirectory(path) || path.endsWith("kubectl");
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(searchable ? "rwx------" : "rw-------"));
            }
        }
        write(second, strict);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void theGzipHeaderHasNoTimeAndNoName() throws IOException {
        Path tarball = work.resolve("out/client.tar.gz");
        write(tarball, stage("a", 1_000_000_000_000L));
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(tarball), 10);
        assertThat(header[3] & 0x08).as("FNAME flag").isZero();
        assertThat(new byte[] {header[4], header[5], header[6], header[7]}).containsOnly(0);
    }

    @Test
    void checksumFilesLieBesideInSha256sumsFormat() throws Exception {
        Path tarball = work.resolve("out/kubernetes-client-linux-amd64.tar.gz");
        write(tarball, stage("a", 1_000_000_000_000L));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tarball)));
        String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(tarball)));
        assertThat(work.resolve("out/kubernetes-client-linux-amd64.tar.gz.sha256")).hasContent(sha256 + "  kubernetes-client-linux-amd64.tar.gz");
        assertThat(work.resolve("out/kubernetes-client-linux-amd64.tar.gz.sha512")).hasContent(sha512 + "  kubernetes-client-linux-amd64.tar.gz");
    }

    @Test
    void aTarballWhoseWritingFailsMidwayLeavesNeitherItNorItsSumsNorAPart() throws Exception {
        Path out = Files.createDirectories(work.resolve("out"));
        Path tarball = out.resolve("kubernetes-client-linux-amd64.tar.gz");
        Path stage = stage("a", 1_000_000_000_000L);
        Files.writeString(stage.resolve("kubernetes/README.md"), "x".repeat(1 << 20));

        assertThatThrownBy(() -> ReproducibleTarball.write(tarball, stage, "", path -> {
            if (path.getFileName().toString().equals("Zebra")) {
                throw new java.io.UncheckedIOException(new IOException("the stage went away"));
            }
            return !path.getParent().equals(stage) || path.getFileName().toString().equals("kubernetes");
        }, EPOCH)).hasRootCauseMessage("the stage went away");

        try (var left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }
}
