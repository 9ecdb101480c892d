package io.github.kubemaven.tree;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeTreeTest {

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsVersionsAndTheTreesOwnBuildImageFiles() throws IOException {
        write("Makefile", "all:\n");
        write("build/build-image/VERSION", "5\n");
        write("build/build-image/cross/VERSION", "\nv1.15.5-1\n");
        write("build/build-image/Dockerfile", "FROM k8s.gcr.io/build-image/kube-cross:KUBE_BUILD_IMAGE_CROSS_TAG\n");
        write("build/build-image/rsyncd.sh", "#!/bin/sh\necho own\n");
        KubeTree tree = KubeTree.open(root);
        assertThat(tree.buildImageVersion()).isEqualTo("5");
        assertThat(tree.crossTag()).contains("v1.15.5-1");
        assertThat(tree.dockerfile().defaultCrossImage()).isEqualTo("k8s.gcr.io/build-image/kube-cross");
        assertThat(tree.rsyncdScript()).contains("echo own");
    }

    @Test
    void treesWithoutBuildImageFilesGetTheBundledOnes() throws IOException {
        write("Makefile", "all:\n");
        write("build/common.sh", "KUBE_BASE_IMAGE_REGISTRY=\"${KUBE_BASE_IMAGE_REGISTRY:-mirror.example/build-image}\"\n");
        KubeTree tree = KubeTree.open(root);
        assertThat(tree.buildImageVersion()).isEqualTo("6");
        assertThat(tree.crossTag()).isEmpty();
        assertThat(tree.dockerfile().form()).isEqualTo(DockerfileTemplate.Form.BUILD_ARGUMENTS);
        assertThat(tree.dockerfile().defaultCrossImage()).isEqualTo("mirror.example/build-image/kube-cross");
        assertThat(tree.rsyncdScript()).contains("rsync --no-detach --daemon");
    }

    @Test
    void aFolderThatIsNoKubernetesTreeIsNamedInTheMessage() {
        assertThatThrownBy(() -> KubeTree.open(root))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("not the root of a Kubernetes tree")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("kube.root"));
        assertThatThrownBy(() -> KubeTree.open(root.resolve("missing")))
                .isInstanceOf(KubeBuildException.class).hasMessageContaining("does not exist");
    }
}
