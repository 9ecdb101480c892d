package io.github.kubemaven.tree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class BinaryFoldersTest {

    @TempDir
    Path root;

    private void binary(String path, int size, long millis) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
        Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    }

    @Test
    void theBinariesAGoalMadeAreNamedByFolderWithTheirSize() throws IOException {
        binary("_output/dockerized/bin/linux/amd64/kubectl", 1024 * 1024, 1_000_000);
        binary("_output/dockerized/bin/linux/amd64/kubelet", 10, 1_000_000);
        BinaryFolders before = BinaryFolders.take(root);

        binary("_output/dockerized/bin/linux/amd64/kubectl", 3 * 1024 * 1024, 2_000_000);
        binary("_output/dockerized/bin/linux/arm64/kubectl", 512 * 1024, 2_000_000);
        binary("_output/local/bin/linux/amd64/kubeadm", 0, 2_000_000);
        binary("_output/dockerized/bin/linux/amd64/deeper/not-a-binary", 1, 2_000_000);
        binary("_output/release-tars/kubernetes.tar.gz", 1, 2_000_000);

        assertThat(BinaryFolders.take(root).madeSince(before)).containsExactly(
                "New or changed in _output/dockerized/bin/linux/amd64/: kubectl (3.0 MiB)",
                "New or changed in _output/dockerized/bin/linux/arm64/: kubectl (0.5 MiB)",
                "New or changed in _output/local/bin/linux/amd64/: kubeadm (0.0 MiB)");
    }

    @Test
    void whenNothingChangedTheLineSaysWhatTheFoldersHold() throws IOException {
        assertThat(BinaryFolders.take(root).madeSince(BinaryFolders.take(root))).as("no folder, no line").isEmpty();
        binary("_output/dockerized/bin/linux/amd64/kubectl", 10, 1_000_000);
        binary("_output/dockerized/bin/linux/amd64/kubelet", 10, 1_000_000);
        BinaryFolders before = BinaryFolders.take(root);
        assertThat(BinaryFolders.take(root).madeSince(before))
                .containsExactly("No binary changed; _output/dockerized/bin/linux/amd64/ holds kubectl, kubelet");
    }

    @Test
    void aLinkedBinaryFolderIsNotFollowed() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere/linux/amd64"));
        Files.write(elsewhere.resolve("kubectl"), new byte[1]);
        Files.createDirectories(root.resolve("_output/dockerized"));
        Files.createSymbolicLink(root.resolve("_output/dockerized/bin"), root.resolve("elsewhere"));
        assertThat(BinaryFolders.take(root).madeSince(BinaryFolders.take(root.resolve("nothing")))).isEmpty();
    }
}
