package io.github.kubemaven.release;

import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.version.VersionDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryOriginsTest {

    private static final VersionDefs AT_A = VersionDefs.parse("KUBE_GIT_COMMIT='aaaa'\nKUBE_GIT_TREE_STATE='clean'\nKUBE_GIT_VERSION='v1.0.0'\n");
    private static final VersionDefs AT_B = VersionDefs.parse("KUBE_GIT_COMMIT='bbbb'\nKUBE_GIT_TREE_STATE='clean'\nKUBE_GIT_VERSION='v1.0.1'\n");

    @TempDir
    Path root;

    private String binary(String platform, String name, String content) throws IOException {
        String relative = BinaryOrigins.BIN + "/" + platform + "/" + name;
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return relative;
    }

    @Test
    void onlyBinariesNotedAtTheCommitArePackagedAndTheOthersAreNamed() throws IOException {
        String amd64 = binary("linux/amd64", "kubectl", "kubectl built at a");
        String arm64 = binary("linux/arm64", "kubectl", "kubectl of another checkout");
        BinaryOrigins.of(root).noteBuilt(List.of(amd64), AT_A);

        assertThat(BinaryOrigins.of(root).notBuiltAt(List.of("linux/amd64"), AT_A)).isEmpty();
        assertThat(BinaryOrigins.of(root).notBuiltAt(List.of("linux/amd64"), AT_B)).containsExactly(amd64);
        assertThat(BinaryOrigins.of(root).notBuiltAt(List.of(), AT_A)).containsExactly(arm64);
        assertThatThrownBy(() -> BinaryOrigins.of(root).requireBuiltAt(List.of("linux/arm64"), AT_A))
                .isInstanceOf(KubeBuildException.class).hasMessageContaining("Refusing to package " + arm64);
    }

    @Test
    void aBinaryIsKnownByItsContentSoAFileSwappedUnderItsNameIsNot() throws IOException {
        String kubectl = binary("linux/amd64", "kubectl", "built at a");
        BinaryOrigins.of(root).noteBuilt(List.of(kubectl), AT_A);
        binary("linux/amd64", "kubectl", "swapped in later");

        assertThat(BinaryOrigins.of(root).notBuiltAt(List.of("linux/amd64"), AT_A)).containsExactly(kubectl);
        binary("linux/amd64", "kubectl", "built at a");
        assertThat(BinaryOrigins.of(root).notBuiltAt(List.of("linux/amd64"), AT_A)).as("the same content restored").isEmpty();
    }

    @Test
    void aBuildThatWritesInPlaceNotesWhatChangedAndNothingElse() throws IOException {
        String old = binary("linux/amd64", "kubelet", "an older build's");
        Files.setLastModifiedTime(root.resolve(old), FileTime.fromMillis(1_000_000));
        Map<String, String> before = BinaryOrigins.of(root).shapes();
        String made = binary("linux/amd64", "kubectl", "made now");

        BinaryOrigins.of(root).noteChangedSince(before, AT_A);

        assertThat(BinaryOrigins.of(root).notBuiltAt(List.of("linux/amd64"), AT_A)).containsExactly(old);
        assertThat(made).isNotIn(BinaryOrigins.of(root).notBuiltAt(List.of("linux/amd64"), AT_A));
    }

    @Test
    void aLinkedRecordFolderIsRefused(@TempDir Path outside) throws IOException {
        String kubectl = binary("linux/amd64", "kubectl", "built");
        Files.createSymbolicLink(root.resolve("_output/kube-maven"), outside);
        assertThatThrownBy(() -> BinaryOrigins.of(root).noteBuilt(List.of(kubectl), AT_A))
                .isInstanceOf(io.github.kubemaven.ground.LinkFreePaths.LinkRefusedException.class);
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
