package io.github.kubemaven.tree;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TreeKeysTest {

    /** Two names that differ only in a byte that is no valid UTF-8, one valid UTF-8 name, one ASCII name. */
    private static final List<byte[]> NAMES = List.of(
            new byte[] {'p', 'k', 'g', '/', 'a', (byte) 0xff, '.', 'g', 'o'},
            new byte[] {'p', 'k', 'g', '/', 'a', (byte) 0xfe, '.', 'g', 'o'},
            "pkg/é.go".getBytes(StandardCharsets.UTF_8),
            "pkg/plain.go".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path root;

    /** Made by the shell, since Java may not be able to name such files at all. */
    @BeforeEach
    void filesNamedByTheirBytes() throws IOException, InterruptedException {
        System.out.println("sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding"));
        Files.createDirectories(root.resolve("pkg"));
        for (int i = 0; i < NAMES.size(); i++) {
            StringBuilder octal = new StringBuilder();
            for (byte b : NAMES.get(i)) {
                octal.append(String.format("\\%03o", b & 0xff));
            }
            Process shell = new ProcessBuilder("sh", "-c", "printf 'content %s' \"$2\" > \"$(printf \"$1\")\"", "sh", octal.toString(), "" + i)
                    .directory(root.toFile()).inheritIO().start();
            assertThat(shell.waitFor()).isZero();
        }
        try (var listing = Files.list(root.resolve("pkg"))) {
            assertThat(listing).hasSize(NAMES.size());
        }
    }

    @Test
    void everyFileHasAKeyOfItsOwnThatGivesBackItsBytesAndItsFile() throws IOException {
        TreeSnapshot snapshot = TreeSnapshot.sources(root);

        Set<String> files = snapshot.inputs().keySet().stream().filter(key -> !key.equals("pkg")).collect(Collectors.toSet());
        assertThat(files).hasSize(NAMES.size());
        assertThat(files.stream().map(TreeKeys::bytes)).containsExactlyInAnyOrderElementsOf(NAMES);
        for (String key : files) {
            int index = indexOf(TreeKeys.bytes(key));
            assertThat(Files.readString(TreeKeys.path(root, key))).isEqualTo("content " + index);
            assertThat(TreeSnapshot.entryOf(TreeKeys.path(root, key))).isNotNull();
        }
        assertThat(files).contains("pkg/é.go", "pkg/plain.go");
    }

    @Test
    void aKeyOfBytesThatAreNoUtf8SurvivesTheSnapshotFileAndIsNotPlain() {
        TreeSnapshot snapshot = TreeSnapshot.sources(root);
        Path record = root.resolve("_output/kube-maven/record.json");

        SnapshotFile.write(record, Map.of(), snapshot);

        assertThat(SnapshotFile.read(record).orElseThrow().snapshot().inputs()).isEqualTo(snapshot.inputs());
        assertThat(snapshot.inputs().keySet().stream().filter(key -> !TreeKeys.plain(key))).hasSize(2);
    }

    @Test
    void theChangesOfOneOfTwoSuchFilesAreTheChangesOfThatFileAlone() throws IOException {
        TreeSnapshot before = TreeSnapshot.sources(root);
        String changed = before.inputs().keySet().stream().filter(key -> !key.equals("pkg") && indexOf(TreeKeys.bytes(key)) == 1).findFirst().orElseThrow();
        Files.writeString(TreeKeys.path(root, changed), "changed, and longer than before");

        TreeSnapshot after = TreeSnapshot.sources(root);

        assertThat(io.github.kubemaven.transport.SyncChanges.between(before, after, root, 10)).hasValue(List.of(changed));
    }

    @Test
    void keysAndBytesRoundTripWhateverTheBytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        for (byte[] name : List.of(all, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x90, (byte) 0xb3},
                new byte[] {(byte) 0xc3}, "ü/日本".getBytes(StandardCharsets.UTF_8))) {
            assertThat(TreeKeys.bytes(TreeKeys.ofBytes(name))).isEqualTo(name);
        }
        assertThat(TreeKeys.ofBytes("ü/日本 🐳".getBytes(StandardCharsets.UTF_8))).isEqualTo("ü/日本 🐳");
    }

    private static int indexOf(byte[] name) {
        for (int i = 0; i < NAMES.size(); i++) {
            if (java.util.Arrays.equals(NAMES.get(i), name)) {
                return i;
            }
        }
        throw new AssertionError("no such name: " + new String(name, StandardCharsets.ISO_8859_1));
    }
}
