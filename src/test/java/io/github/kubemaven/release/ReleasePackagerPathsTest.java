package io.github.kubemaven.release;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleasePackagerPathsTest {

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    private void treeWhoseReleaseScriptsName(String tarball, String staging) throws IOException {
        Files.createDirectories(root.resolve("build/lib"));
        Files.writeString(root.resolve("build/common.sh"), """
                LOCAL_OUTPUT_ROOT="${KUBE_ROOT}/_output"
                kube::build::ensure_tar() { TAR=tar; }
                kube::version::get_version_vars() { :; }
                """);
        Files.writeString(root.resolve("build/lib/release.sh"), """
                RELEASE_TARS="${LOCAL_OUTPUT_ROOT}/release-tars"
                kube::release::package_client_tarballs() {
                  mkdir -p "%2$s/kubernetes"
                  kube::release::create_tarball "%1$s" "%2$s"
                }
                """.formatted(tarball, staging));
    }

    @Test
    void aTarballPathOutsideTheOutputFolderIsRefused() throws IOException {
        treeWhoseReleaseScriptsName(elsewhere.resolve("kubernetes-client.tar.gz").toString(), "${LOCAL_OUTPUT_ROOT}/release-stage/client");

        assertThatThrownBy(() -> new ReleasePackager(root, BuildLog.silent()).packageRelease(0, Map.of(), Set.of(), Set.of("client"), null))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining(elsewhere.resolve("kubernetes-client.tar.gz").toString())
                .hasMessageContaining("outside " + root.resolve("_output"));
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aStagingFolderThatClimbsOutOfTheOutputFolderIsRefused() throws IOException {
        treeWhoseReleaseScriptsName("${RELEASE_TARS}/kubernetes-client.tar.gz", "${LOCAL_OUTPUT_ROOT}/../" + root.relativize(elsewhere));

        assertThatThrownBy(() -> new ReleasePackager(root, BuildLog.silent()).packageRelease(0, Map.of(), Set.of(), Set.of("client"), null))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("outside " + root.resolve("_output"));
        assertThat(root.resolve("_output/release-tars/kubernetes-client.tar.gz")).doesNotExist();
    }

    @Test
    void pathsUnderTheOutputFolderAreWritten() throws IOException {
        treeWhoseReleaseScriptsName("${RELEASE_TARS}/kubernetes-client.tar.gz", "${LOCAL_OUTPUT_ROOT}/release-stage/client");

        var tarballs = new ReleasePackager(root, BuildLog.silent()).packageRelease(0, Map.of(), Set.of(), Set.of("client"), null);

        assertThat(root.resolve("_output/release-tars/kubernetes-client.tar.gz")).isRegularFile();
        assertThat(tarballs).hasSize(1);
    }
}
