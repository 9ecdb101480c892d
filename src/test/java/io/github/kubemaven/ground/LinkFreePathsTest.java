package io.github.kubemaven.ground;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkFreePathsTest {

    @TempDir
    Path root;
    @TempDir
    Path outside;
    private Path sentinel;

    @BeforeEach
    void sentinel() throws IOException {
        sentinel = Files.writeString(outside.resolve("sentinel"), "the user's");
    }

    private void assertOutsideUntouched() throws IOException {
        try (var files = Files.list(outside)) {
            assertThat(files).containsExactly(sentinel);
        }
        assertThat(sentinel).hasContent("the user's");
    }

    @Test
    void aLinkAtAnyDepthBetweenTheTopAndTheFileIsRefusedAndNamed() throws IOException {
        List<String> depths = List.of("_output", "_output/kube-maven", "_output/kube-maven/records", "_output/kube-maven/records/deep");
        for (String linked : depths) {
            Path tree = Files.createTempDirectory(root, "tree");
            Path link = tree.resolve(linked);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, outside);
            Path file = tree.resolve("_output/kube-maven/records/deep/file");

            assertThatThrownBy(() -> LinkFreePaths.writeAtomically(tree, file, out -> out.write(1)))
                    .as(linked).isInstanceOf(LinkFreePaths.LinkRefusedException.class)
                    .hasMessageContaining(link + " is a symbolic link (to " + outside + ")");
            assertThatThrownBy(() -> OutputFolder.writeAtomically(file, out -> out.write(1)))
                    .as(linked).isInstanceOf(LinkFreePaths.LinkRefusedException.class);
            assertOutsideUntouched();
        }
    }

    @Test
    void aLinkAtTheFileItselfIsRefusedNotWrittenThrough() throws IOException {
        Path file = root.resolve("_output/kube-maven/built-state.properties");
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, sentinel);

        assertThatThrownBy(() -> OutputFolder.writeAtomically(file, out -> out.write("x".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(LinkFreePaths.LinkRefusedException.class).hasMessageContaining(file.toString());
        assertOutsideUntouched();
    }

    @Test
    void foldersAreMadeOneByOneAndAFileWhereAFolderShouldBeIsRefused() throws IOException {
        Path folder = root.resolve("_output/a/b/c");
        LinkFreePaths.createFolders(folder);
        assertThat(folder).isDirectory();
        Files.writeString(root.resolve("_output/a/file"), "x");
        assertThatThrownBy(() -> LinkFreePaths.createFolders(root.resolve("_output/a/file/d")))
                .isInstanceOf(LinkFreePaths.LinkRefusedException.class).hasMessageContaining("is no folder");
    }

    @Test
    void dotDotCannotLeadAboveTheTop() {
        assertThatThrownBy(() -> LinkFreePaths.createFolders(root, root.resolve("_output/../../elsewhere")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LinkFreePaths.topOf(root.resolve("_output/kube-maven/../kube-maven/x"))).isEqualTo(root);
    }

    @Test
    void aWriteThatFailsLeavesNeitherTheFileNorATemporaryOne() throws IOException {
        Path file = root.resolve("_output/release/kubernetes.tar.gz");
        assertThatThrownBy(() -> OutputFolder.writeAtomically(file, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void deletingAFolderBelowALinkedFolderIsRefused() throws IOException {
        Files.createDirectories(outside.resolve("binaries-bind/main"));
        Files.createDirectories(root.resolve("_output"));
        Files.createSymbolicLink(root.resolve("_output/kube-maven"), outside);

        assertThatThrownBy(() -> OutputFolder.deleteTree(root.resolve("_output/kube-maven/binaries-bind")))
                .isInstanceOf(LinkFreePaths.LinkRefusedException.class);
        assertThat(outside.resolve("binaries-bind/main")).isDirectory();
        assertThat(Files.isSymbolicLink(root.resolve("_output/kube-maven"))).isTrue();
    }

    @Test
    void aMoveReplacesALinkAtTheTargetInsteadOfWritingThroughIt() throws IOException {
        Path source = Files.writeString(root.resolve("incoming"), "built");
        Path target = root.resolve("_output/bin/kubectl");
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(target, sentinel);

        LinkFreePaths.moveInto(root, source, target);

        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(target).hasContent("built");
        assertThat(Files.exists(source, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertOutsideUntouched();
    }
}
