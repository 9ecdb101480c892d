package io.github.kubemaven.stamp;

import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UpToDateCheckTest {

    private static final FileTime AN_HOUR_AGO = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    private static final List<String> COMMAND = List.of("make", "WHAT=cmd/kubectl");
    private static final Map<String, String> ENVIRONMENT = Map.of("KUBE_BUILD_PLATFORMS", "linux/amd64", "SOURCE_DATE_EPOCH", "1611000000");
    private static final String KEY = BuildStamp.keyOf("sha256:image", "RSYNC", COMMAND, ENVIRONMENT);

    @TempDir
    Path root;
    private Path binaries;
    private Path stampFile;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
    }

    @BeforeEach
    void aBuiltTree() throws IOException {
        write("Makefile", "all:");
        write("cmd/kubectl/main.go", "package main");
        write("pkg/apis/core/types.go", "package core");
        write("pkg/apis/core/zz_generated.deepcopy.go", "generated");
        write(".git/HEAD", "ref: refs/heads/main");
        write("_output/dockerized/go/cache/entry", "cache");
        write("_output/dockerized/bin/linux/amd64/kubectl", "binary");
        binaries = root.resolve("_output/dockerized/bin");
        stampFile = root.resolve("_output/kube-maven/build.stamp");
        new BuildStamp(KEY, TreeSnapshot.take(root, binaries)).write(stampFile);
    }

    private Optional<String> check(String key) {
        return UpToDateCheck.reasonToBuild(BuildStamp.read(stampFile), key, TreeSnapshot.take(root, binaries), root, binaries);
    }

    private Optional<String> check() {
        return check(KEY);
    }

    @Test
    void nothingChangedIsUpToDate() {
        assertThat(check()).isEmpty();
    }

    @Test
    void withoutAStampItBuilds() throws IOException {
        Files.delete(stampFile);
        assertThat(check()).contains("no earlier successful build is recorded");
    }

    @Test
    void anotherImageCommandEnvironmentPlatformOrModeBuilds() {
        assertThat(check(BuildStamp.keyOf("sha256:other", "RSYNC", COMMAND, ENVIRONMENT))).isPresent();
        assertThat(check(BuildStamp.keyOf("sha256:image", "BIND", COMMAND, ENVIRONMENT))).isPresent();
        assertThat(check(BuildStamp.keyOf("sha256:image", "RSYNC", List.of("make", "WHAT=cmd/kubelet"), ENVIRONMENT))).isPresent();
        assertThat(check(BuildStamp.keyOf("sha256:image", "RSYNC", COMMAND,
                Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64", "SOURCE_DATE_EPOCH", "1611000000")))).isPresent();
        assertThat(check(BuildStamp.keyOf("sha256:image", "RSYNC", COMMAND,
                Map.of("KUBE_BUILD_PLATFORMS", "linux/amd64", "SOURCE_DATE_EPOCH", "1611000000", "GOFLAGS", "-v")))).isPresent();
    }

    @Test
    void theKeyDoesNotConfuseHowWordsAreSplit() {
        assertThat(BuildStamp.keyOf("i", "m", List.of("make", "a b"), Map.of()))
                .isNotEqualTo(BuildStamp.keyOf("i", "m", List.of("make", "a", "b"), Map.of()));
    }

    @Test
    void aChangedSourceBuildsAndIsNamed() throws IOException {
        Files.writeString(root.resolve("cmd/kubectl/main.go"), "package main // edited");
        assertThat(check()).contains("source cmd/kubectl/main.go changed");
    }

    @Test
    void aTouchedSourceBuilds() throws IOException {
        Files.setLastModifiedTime(root.resolve("pkg/apis/core/types.go"), FileTime.fromMillis(System.currentTimeMillis()));
        assertThat(check()).contains("source pkg/apis/core/types.go changed");
    }

    @Test
    void anAddedOrRemovedSourceBuilds() throws IOException {
        write("cmd/kubectl/new.go", "package main");
        assertThat(check()).contains("source cmd/kubectl/new.go was added");
        Files.delete(root.resolve("cmd/kubectl/new.go"));
        Files.delete(root.resolve("Makefile"));
        assertThat(check()).contains("source Makefile was removed");
    }

    @Test
    void gitAndOutputFoldersAreNoInputs() throws IOException {
        write(".git/ORIG_HEAD", "x");
        write("_output/dockerized/go/cache/other", "x");
        write("_output/local/bin/tool", "x");
        assertThat(check()).isEmpty();
    }

    @Test
    void aRemovedOrEditedGeneratedFileBuilds() throws IOException {
        Files.delete(root.resolve("pkg/apis/core/zz_generated.deepcopy.go"));
        assertThat(check()).contains("generated file pkg/apis/core/zz_generated.deepcopy.go was removed");
    }

    @Test
    void aMissingOrAlteredBinaryBuilds() throws IOException {
        Files.writeString(root.resolve("_output/dockerized/bin/linux/amd64/kubectl"), "tampered");
        assertThat(check()).contains("binary linux/amd64/kubectl changed");
        Files.delete(root.resolve("_output/dockerized/bin/linux/amd64/kubectl"));
        assertThat(check()).contains("binary linux/amd64/kubectl was removed");
    }

    @Test
    void aChangeWithinTheSameSecondAsTheStampIsCaughtByContent() throws IOException {
        Path source = root.resolve("cmd/kubectl/main.go");
        FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        Files.setLastModifiedTime(source, now);
        new BuildStamp(KEY, TreeSnapshot.take(root, binaries)).write(stampFile);

        Files.writeString(source, "package mein");
        Files.setLastModifiedTime(source, now);

        assertThat(check()).contains("source cmd/kubectl/main.go changed");
    }

    @Test
    void stampsKeepPathsWithAnyCharacters() throws IOException {
        write("docs/odd\tname.md", "x");
        new BuildStamp(KEY, TreeSnapshot.take(root, binaries)).write(stampFile);
        assertThat(BuildStamp.read(stampFile).orElseThrow().snapshot().inputs()).containsKey("docs/odd\tname.md");
        assertThat(check()).isEmpty();
    }

    @Test
    void anUnreadableStampCountsAsNone() throws IOException {
        Files.writeString(stampFile, "garbage\n");
        assertThat(BuildStamp.read(stampFile)).isEmpty();
    }

    /** {@code key} as a plugin that kept no values in its records wrote it. */
    private static RecordKey withoutValues(String key) {
        return new RecordKey(RecordKey.parse(key).hashes(), Map.of());
    }

    @Test
    void aChangedSettingOfARecordWithoutValuesIsNamedByWhatChanged() {
        assertThat(KeyChange.inWords(withoutValues(KEY), RecordKey.parse(BuildStamp.keyOf("sha256:image", "RSYNC", COMMAND,
                Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64", "SOURCE_DATE_EPOCH", "1611000000")))))
                .isEqualTo("the platforms (KUBE_BUILD_PLATFORMS) changed");
        assertThat(KeyChange.inWords(withoutValues(KEY), RecordKey.parse(BuildStamp.keyOf("sha256:other", "RSYNC",
                List.of("make", "WHAT=cmd/kubelet"), ENVIRONMENT))))
                .isEqualTo("the build image and the command changed");
        assertThat(KeyChange.inWords(withoutValues(KEY), RecordKey.parse(BuildStamp.keyOf("sha256:image", "RSYNC", COMMAND,
                Map.of("KUBE_BUILD_PLATFORMS", "linux/amd64", "SOURCE_DATE_EPOCH", "1611000000", "GOFLAGS", "-v")))))
                .as("a variable that was not set before").isEqualTo("GOFLAGS changed");
        assertThat(KeyChange.inWords(RecordKey.parse("0123abcd"), RecordKey.parse(KEY))).as("a key an older plugin wrote")
                .isEqualTo("the image, command, environment, platforms or version stamp changed");
    }

    @Test
    void keysOfTheSameSettingsAreEqualAndAnyChangeMakesAnother() {
        assertThat(BuildStamp.keyOf("sha256:image", "RSYNC", COMMAND, ENVIRONMENT)).isEqualTo(KEY);
        assertThat(BuildStamp.keyOf("sha256:image", "RSYNC", List.of("make", "WHAT=cmd/kubectl", ""), ENVIRONMENT)).isNotEqualTo(KEY);
        assertThat(BuildStamp.keyOf("sha256:image", "RSYNC", List.of("make WHAT=cmd/kubectl"), ENVIRONMENT)).isNotEqualTo(KEY);
        assertThat(RecordKey.parse(KEY).changedSince(RecordKey.parse(KEY))).isEmpty();
    }
}
