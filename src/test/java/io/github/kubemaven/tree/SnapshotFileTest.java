package io.github.kubemaven.tree;

import io.github.kubemaven.stamp.BuildStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotFileTest {

    private static final List<String> ODD_PATHS = List.of(
            "pkg/back\\nslash/zz_generated.deepcopy.go",
            "pkg/tab\there.go",
            "pkg/new\nline.go",
            "pkg/\"quoted\" 'too'.go",
            "pkg/ü/日本/types.go",
            "pkg/a b/c d.go",
            "pkg/control\u0001\u001f.go",
            "emoji 🐳.go");

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("records/snapshot.json");
    }

    private static Map<String, TreeSnapshot.Entry> entries(String prefix) {
        Map<String, TreeSnapshot.Entry> entries = new TreeMap<>();
        for (int i = 0; i < ODD_PATHS.size(); i++) {
            String hash = i % 2 == 0 ? null : "sha-" + i;
            entries.put(prefix + ODD_PATHS.get(i), new TreeSnapshot.Entry(i + ":1611000000" + i + ":rw-r--r--", hash));
        }
        entries.put(prefix + "pkg", new TreeSnapshot.Entry("dir:rwxr-xr-x", null));
        entries.put(prefix + "link", new TreeSnapshot.Entry("link:../some where\\n", null));
        return entries;
    }

    private static TreeSnapshot snapshot() {
        return new TreeSnapshot(1_611_000_000_123L, entries(""), entries("gen/"), entries("linux/amd64/"));
    }

    @Test
    void factsAndEntriesComeBackAsTheyWere() {
        Map<String, String> facts = Map.of(
                "key", "abc",
                "odd \"fact\"\n", "back\\n slash\ttab ü 日本",
                "empty", "");
        SnapshotFile.write(file(), facts, snapshot());

        SnapshotFile.Contents contents = SnapshotFile.read(file()).orElseThrow();

        assertThat(contents.facts()).isEqualTo(facts);
        assertThat(contents.snapshot()).isEqualTo(snapshot());
        assertThat(contents.snapshot().inputs()).containsKey("pkg/back\\nslash/zz_generated.deepcopy.go")
                .containsKey("pkg/new\nline.go")
                .doesNotContainKey("pkg/back\nslash/zz_generated.deepcopy.go");
        assertThat(contents.snapshot().generated().get("gen/pkg/tab\there.go").contentHash()).isEqualTo("sha-1");
        assertThat(contents.snapshot().generated().get("gen/pkg/back\\nslash/zz_generated.deepcopy.go").contentHash()).isNull();
    }

    @Test
    void anEmptySnapshotComesBackEmpty() {
        TreeSnapshot empty = new TreeSnapshot(0, Map.of(), Map.of(), Map.of());
        SnapshotFile.write(file(), Map.of(), empty);

        SnapshotFile.Contents contents = SnapshotFile.read(file()).orElseThrow();

        assertThat(contents.facts()).isEmpty();
        assertThat(contents.snapshot()).isEqualTo(empty);
    }

    @Test
    void writingReplacesTheEarlierFileAndLeavesNoTemporaryFile() throws IOException {
        SnapshotFile.write(file(), Map.of("run", "one"), snapshot());
        SnapshotFile.write(file(), Map.of("run", "two"), new TreeSnapshot(5, Map.of(), Map.of(), Map.of()));

        assertThat(SnapshotFile.read(file()).orElseThrow().facts()).containsExactly(Map.entry("run", "two"));
        try (var listing = Files.list(file().getParent())) {
            assertThat(listing).containsExactly(file());
        }
    }

    @Test
    void aMissingFileOrAFolderReadsAsNothing() throws IOException {
        assertThat(SnapshotFile.read(file())).isEmpty();
        Files.createDirectories(file());
        assertThat(SnapshotFile.read(file())).isEmpty();
    }

    @Test
    void aCorruptFileReadsAsNothing() throws IOException {
        Files.createDirectories(file().getParent());
        for (String text : List.of("", "garbage\n", "[]", "{\"facts\": []}", "{\"facts\": {\"key\": 1}}",
                "{\"inputs\": [[\"only a path\"]]}", "{\"inputs\": [[\"p\", \"s\", \"h\", \"extra\"]]}",
                "{\"inputs\": [[\"p\", 7]]}", "{\"taken\": \"soon\"}")) {
            Files.writeString(file(), text);
            assertThat(SnapshotFile.read(file())).as(text).isEmpty();
        }
    }

    @Test
    void aTruncatedFileReadsAsNothingWhereverItWasCut() throws IOException {
        SnapshotFile.write(file(), Map.of("key", "abc"), snapshot());
        byte[] whole = Files.readAllBytes(file());
        for (int length = 0; length < whole.length; length += 7) {
            Files.write(file(), Arrays.copyOf(whole, length));
            assertThat(SnapshotFile.read(file())).as(new String(whole, 0, length, StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void buildStampsKeepTheirKeyAndSnapshot() {
        BuildStamp stamp = new BuildStamp(BuildStamp.keyOf("sha256:image", "RSYNC", List.of("make"), Map.of()), snapshot());
        stamp.write(file());

        assertThat(BuildStamp.read(file())).contains(stamp);
    }

    @Test
    void aSnapshotFileWithoutAKeyIsNoBuildStamp() {
        SnapshotFile.write(file(), Map.of("other", "fact"), snapshot());

        assertThat(SnapshotFile.read(file())).isPresent();
        assertThat(BuildStamp.read(file())).isEmpty();
    }

    @Test
    void anEntryOfTheWrongShapeMakesTheWholeFileUnreadable() throws IOException {
        Path file = folder.resolve("odd.json");
        java.nio.file.Files.writeString(file, "{\"inputs\": [[\"a\",\"s\",5],[\"b\",\"s\"]], \"facts\":{\"key\":\"k\"}}");
        assertThat(SnapshotFile.read(file)).isEmpty();
        java.nio.file.Files.writeString(file, "{\"facts\":{\"key\":\"k\"}, \"taken\":\"soon\"}");
        assertThat(SnapshotFile.read(file)).isEmpty();
        java.nio.file.Files.writeString(file, "{\"facts\":{\"key\":\"k\"}, \"taken\":1, \"inputs\":[[\"b\",\"s\"]]}");
        assertThat(SnapshotFile.read(file)).hasValueSatisfying(contents -> assertThat(contents.snapshot().inputs()).containsOnlyKeys("b"));
    }
}
