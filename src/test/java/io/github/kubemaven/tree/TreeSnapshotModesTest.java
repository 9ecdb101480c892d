package io.github.kubemaven.tree;

import io.github.kubemaven.stamp.BuildStamp;
import io.github.kubemaven.stamp.UpToDateCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TreeSnapshotModesTest {

    private static final FileTime AN_HOUR_AGO = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);

    @TempDir
    Path root;
    private Path binaries;

    @BeforeEach
    void aTree() throws IOException {
        binaries = root.resolve("_output/dockerized/bin");
        write("hack/update-codegen.sh", "#!/bin/sh", "rwxr-xr-x");
        write("pkg/apis/core/types.go", "package core", "rw-r--r--");
        write("_output/dockerized/bin/linux/amd64/kubectl", "binary", "rwxr-xr-x");
    }

    private void write(String path, String text, String mode) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
    }

    private TreeSnapshot take() {
        return TreeSnapshot.take(root, binaries);
    }

    @Test
    void withWrittenHoldsTheEntriesGivenWithTheFoldersThatHoldThem() throws IOException {
        TreeSnapshot before = take();
        write("pkg/apis/core/zz_generated.deepcopy.go", "deepcopy", "rw-r--r--");
        write("pkg/generated/openapi/openapi.go", "openapi", "rw-r--r--");
        write("hack/update-codegen.sh", "#!/bin/bash", "rwxr-xr-x");
        TreeSnapshot.Entry deepcopy = TreeSnapshot.entryByContentOf(root.resolve("pkg/apis/core/zz_generated.deepcopy.go"));
        TreeSnapshot.Entry openapi = TreeSnapshot.entryByContentOf(root.resolve("pkg/generated/openapi/openapi.go"));
        write("pkg/generated/openapi/openapi.go", "edited after it was written", "rw-r--r--");

        TreeSnapshot updated = before.withWritten(root, java.util.Map.of("pkg/apis/core/zz_generated.deepcopy.go", deepcopy,
                "pkg/generated/openapi/openapi.go", openapi));

        TreeSnapshot now = take();
        assertThat(deepcopy.contentHash()).isEqualTo(io.github.kubemaven.ground.Hashing.sha256(root.resolve("pkg/apis/core/zz_generated.deepcopy.go")));
        assertThat(updated.generated()).containsEntry("pkg/apis/core/zz_generated.deepcopy.go", deepcopy);
        assertThat(updated.inputs()).containsEntry("pkg/generated/openapi/openapi.go", openapi)
                .containsEntry("pkg/generated", now.inputs().get("pkg/generated"))
                .containsEntry("pkg/generated/openapi", now.inputs().get("pkg/generated/openapi"));
        assertThat(updated.inputs().get("hack/update-codegen.sh")).isEqualTo(before.inputs().get("hack/update-codegen.sh"));
    }

    @Test
    void aScriptThatLostItsExecutableBitIsAChange() throws IOException {
        TreeSnapshot before = take();
        Path script = root.resolve("hack/update-codegen.sh");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(script, AN_HOUR_AGO);

        TreeSnapshot after = take();

        assertThat(after.inputs().get("hack/update-codegen.sh")).isNotEqualTo(before.inputs().get("hack/update-codegen.sh"));
        assertThat(UpToDateCheck.firstDifference("source", before.inputs(), after.inputs(), root))
                .contains("source hack/update-codegen.sh changed");
        assertThat(UpToDateCheck.reasonToBuild(Optional.of(new BuildStamp("key", before)), "key", after, root, binaries))
                .contains("source hack/update-codegen.sh changed");
    }

    @Test
    void aBinaryThatLostItsExecutableBitIsAChange() throws IOException {
        TreeSnapshot before = take();
        Path kubectl = binaries.resolve("linux/amd64/kubectl");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(kubectl, AN_HOUR_AGO);

        assertThat(UpToDateCheck.firstDifference("binary", before.binaries(), take().binaries(), binaries))
                .contains("binary linux/amd64/kubectl changed");
    }

    @Test
    void aFolderWhosePermissionsChangedIsAChange() throws IOException {
        TreeSnapshot before = take();
        Files.setPosixFilePermissions(root.resolve("pkg/apis"), PosixFilePermissions.fromString("rwx------"));

        assertThat(UpToDateCheck.firstDifference("source", before.inputs(), take().inputs(), root))
                .contains("source pkg/apis changed");
    }

    @Test
    void anAddedEmptyFolderIsAnInput() throws IOException {
        TreeSnapshot before = take();
        Files.createDirectories(root.resolve("pkg/empty"));

        TreeSnapshot after = take();

        assertThat(after.inputs().get("pkg/empty")).isNotNull().matches(TreeSnapshot.Entry::isFolder);
        assertThat(after.inputs().get("pkg/apis/core/types.go").isFolder()).isFalse();
        assertThat(UpToDateCheck.firstDifference("source", before.inputs(), after.inputs(), root))
                .contains("source pkg/empty was added");
    }

    @Test
    void theEntryOfAMissingPathIsNull() {
        assertThat(TreeSnapshot.entryOf(root.resolve("pkg/missing.go"))).isNull();
        assertThat(TreeSnapshot.entryOf(root.resolve("pkg/missing/deeper.go"))).isNull();
    }

    @Test
    void theEntryOfAFileIsWhatASnapshotRecords() {
        TreeSnapshot snapshot = take();

        assertThat(TreeSnapshot.entryOf(root.resolve("hack/update-codegen.sh")).sizeAndTime())
                .isEqualTo(snapshot.inputs().get("hack/update-codegen.sh").sizeAndTime());
        assertThat(TreeSnapshot.entryOf(root.resolve("pkg/apis/core/types.go")).sizeAndTime())
                .isEqualTo(snapshot.inputs().get("pkg/apis/core/types.go").sizeAndTime());
        assertThat(TreeSnapshot.entryOf(binaries.resolve("linux/amd64/kubectl")).sizeAndTime())
                .isEqualTo(snapshot.binaries().get("linux/amd64/kubectl").sizeAndTime());
    }

    @Test
    void theEntryOfAFolderIsWhatASnapshotRecords() {
        assertThat(TreeSnapshot.entryOf(root.resolve("pkg/apis")).sizeAndTime())
                .isEqualTo(take().inputs().get("pkg/apis").sizeAndTime());
    }

    @Test
    void theEntryOfALinkIsItsTarget() throws IOException {
        Files.createSymbolicLink(root.resolve("pkg/link"), Path.of("apis/core/types.go"));
        Files.createSymbolicLink(root.resolve("pkg/dangling"), Path.of("nowhere"));

        TreeSnapshot snapshot = take();

        assertThat(TreeSnapshot.entryOf(root.resolve("pkg/link"))).isEqualTo(snapshot.inputs().get("pkg/link"))
                .isEqualTo(new TreeSnapshot.Entry("link:apis/core/types.go", null));
        assertThat(TreeSnapshot.entryOf(root.resolve("pkg/dangling"))).isEqualTo(snapshot.inputs().get("pkg/dangling"));
    }
}
