package io.github.kubemaven.tree;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TreeInputsTest {

    private static final String GOLANG_SH = """
            #!/usr/bin/env bash
            readonly KUBE_SUPPORTED_SERVER_PLATFORMS=(
              linux/amd64
              linux/arm64
            )
            readonly KUBE_SUPPORTED_CLIENT_PLATFORMS=(
              linux/amd64
              darwin/amd64
              windows/amd64
            )
            KUBE_SUPPORTED_NODE_PLATFORMS=(linux/amd64 windows/amd64)
            readonly KUBE_SUPPORTED_TEST_PLATFORMS=(
              linux/amd64
              # linux/ppc64le is built elsewhere
              linux/s390x
            )
            readonly KUBE_SERVER_PLATFORMS=("${KUBE_SUPPORTED_SERVER_PLATFORMS[@]}")
            """;

    @TempDir
    Path workspace;
    private Path root;

    @BeforeEach
    void aTree() throws IOException {
        root = Files.createDirectories(workspace.resolve("kubernetes"));
        Files.createDirectories(root.resolve("hack/lib"));
        Files.writeString(root.resolve("hack/lib/golang.sh"), GOLANG_SH);
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Files.createDirectories(root.resolve("pkg/kubectl/cmd"));
        Files.createDirectories(root.resolve("vendor/k8s.io/client-go/rest"));
        Files.createDirectories(workspace.resolve("outside"));
    }

    @Test
    void theSupportedListsAreReadInEitherForm() {
        assertThat(TreeInputs.supportedPlatforms(root))
                .containsExactlyInAnyOrder("linux/amd64", "linux/arm64", "darwin/amd64", "windows/amd64", "linux/s390x");
    }

    @Test
    void aPlatformTheTreeDoesNotBuildIsRefusedWithTheOnesItDoes() {
        KubeBuildException refused = catchThrowableOfType(KubeBuildException.class,
                () -> TreeInputs.checkPlatforms(root, "linux/amd64 linux/amd65"));

        assertThat(refused.getMessage()).contains("linux/amd65").contains("hack/lib/golang.sh");
        assertThat(refused.hint()).contains("linux/amd64", "linux/arm64", "darwin/amd64", "windows/amd64");
    }

    @Test
    void platformsOfAnyListAreAccepted() {
        assertThatCode(() -> TreeInputs.checkPlatforms(root, "darwin/amd64")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkPlatforms(root, " linux/arm64  windows/amd64 ")).doesNotThrowAnyException();
    }

    @Test
    void noPlatformsMeansTheTreesDefault() {
        assertThatCode(() -> TreeInputs.checkPlatforms(root, "")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkPlatforms(root, null)).doesNotThrowAnyException();
    }

    @Test
    void aWordThatIsNoOsArchPairIsRefused() {
        KubeBuildException refused = catchThrowableOfType(KubeBuildException.class, () -> TreeInputs.checkPlatforms(root, "linux"));

        assertThat(refused.getMessage()).contains("'linux'").contains("no os/arch pair");
        assertThat(refused.hint()).contains("os/arch");
    }

    @Test
    void aCommentedOutPlatformIsNotSupported() {
        assertThat(TreeInputs.supportedPlatforms(root)).doesNotContain("linux/ppc64le");
        assertThat(catchThrowableOfType(KubeBuildException.class, () -> TreeInputs.checkPlatforms(root, "linux/ppc64le")))
                .hasMessageContaining("linux/ppc64le");
    }

    @Test
    void aTreeWithoutGolangShAcceptsAnyOsArchPair() throws IOException {
        Files.delete(root.resolve("hack/lib/golang.sh"));

        assertThat(TreeInputs.supportedPlatforms(root)).isEmpty();
        assertThatCode(() -> TreeInputs.checkPlatforms(root, "plan9/mips64le linux/amd65")).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(KubeBuildException.class, () -> TreeInputs.checkPlatforms(root, "linux")))
                .hasMessageContaining("'linux'");
    }

    @Test
    void packagesMayBeNamedByFolderPatternImportPathOrVendoredPath() {
        assertThatCode(() -> TreeInputs.checkWhat(root, "cmd/kubectl")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkWhat(root, "./pkg/kubectl/...")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkWhat(root, "k8s.io/kubernetes/cmd/kubectl")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkWhat(root, "k8s.io/client-go")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkWhat(root, "cmd/kubectl ./pkg/kubectl/cmd k8s.io/client-go/rest/...")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkWhat(root, "./...")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkWhat(root, "")).doesNotThrowAnyException();
    }

    @Test
    void theFormsUpstreamsBuildTakesAreTakenTooTestBinariesStagingModulesAndTheGinkgoAlias() throws IOException {
        Files.createDirectories(root.resolve("test/e2e"));
        Files.createDirectories(root.resolve("staging/src/k8s.io/kubectl/pkg/cmd"));
        assertThatCode(() -> TreeInputs.checkWhat(root, "test/e2e/e2e.test")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkWhat(root, "cmd/kubectl/")).doesNotThrowAnyException();
        assertThatCode(() -> TreeInputs.checkWhat(root, "k8s.io/kubectl/pkg/cmd")).as("a staging module, no vendor/ link")
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(KubeBuildException.class, () -> TreeInputs.checkWhat(root, "test/e2e_node/e2e_node.test")))
                .hasMessageContaining("'test/e2e_node/e2e_node.test'");
        assertThat(catchThrowableOfType(KubeBuildException.class, () -> TreeInputs.checkWhat(root, "ginkgo")))
                .as("a tree that vendors no ginkgo").hasMessageContaining("'ginkgo'");

        Files.createDirectories(root.resolve("vendor/github.com/onsi/ginkgo/v2/ginkgo"));
        assertThatCode(() -> TreeInputs.checkWhat(root, "ginkgo test/e2e/e2e.test")).doesNotThrowAnyException();
    }

    @Test
    void aPackageTheTreeLacksIsRefusedByName() {
        KubeBuildException refused = catchThrowableOfType(KubeBuildException.class,
                () -> TreeInputs.checkWhat(root, "cmd/kubectl cmd/kubectll"));

        assertThat(refused.getMessage()).contains("'cmd/kubectll'").doesNotContain("'cmd/kubectl'");
        assertThat(refused.hint()).contains("kube.what");
    }

    @Test
    void aFolderOutsideTheTreeIsRefused() {
        assertThat(Files.isDirectory(root.resolve("../outside"))).isTrue();

        assertThat(catchThrowableOfType(KubeBuildException.class, () -> TreeInputs.checkWhat(root, "../outside")))
                .hasMessageContaining("'../outside'");
    }

    @Test
    void aPathThatClimbsOutOfTheTreeIsRefusedEvenWhenTheTreeHasThatFolder() {
        assertThat(catchThrowableOfType(KubeBuildException.class, () -> TreeInputs.checkWhat(root, "../cmd/kubectl")))
                .hasMessageContaining("'../cmd/kubectl'");
    }

    @Test
    void aFileIsNoPackage() throws IOException {
        Files.writeString(root.resolve("cmd/kubectl/main.go"), "package main");

        assertThat(catchThrowableOfType(KubeBuildException.class, () -> TreeInputs.checkWhat(root, "cmd/kubectl/main.go")))
                .hasMessageContaining("'cmd/kubectl/main.go'");
    }

    private void commandTests() throws IOException {
        Files.createDirectories(root.resolve("test/cmd"));
        Files.writeString(root.resolve("test/cmd/core.sh"), """
                run_configmap_tests() {
                  set -o nounset
                }
                function run_pod_tests() {
                  true
                }
                """);
        Files.writeString(root.resolve("test/cmd/apps.sh"), "run_deployment_tests () {\n  true\n}\n# run_commented_tests()\n");
        Files.writeString(root.resolve("test/cmd/README"), "run_notascript_tests() {}\n");
    }

    @Test
    void theCommandTestGroupsAreTheRunFunctionsOfTestCmdAndKubeadm() throws IOException {
        commandTests();

        assertThat(TreeInputs.commandTestGroups(root)).containsExactly("configmap", "deployment", "kubeadm", "pod");
    }

    @Test
    void testCmdTakesGroupsInWhat() throws IOException {
        commandTests();

        assertThatCode(() -> TreeInputs.checkTestWhat(root, List.of("test-cmd"), "configmap deployment kubeadm"))
                .doesNotThrowAnyException();
        KubeBuildException refused = catchThrowableOfType(KubeBuildException.class,
                () -> TreeInputs.checkTestWhat(root, List.of("test-cmd"), "configmap configmaps"));
        assertThat(refused.getMessage()).contains("'configmaps'").contains("test/cmd");
        assertThat(refused.hint()).contains("configmap").contains("-Dkube.what=");
        assertThat(catchThrowableOfType(KubeBuildException.class,
                () -> TreeInputs.checkTestWhat(root, List.of("test-cmd"), "cmd/kubectl"))).hasMessageContaining("'cmd/kubectl'");
    }

    @Test
    void otherTestTargetsTakePackagesAndAWhatBesideTestCmdAndAnotherTargetIsRefused() throws IOException {
        commandTests();

        assertThat(catchThrowableOfType(KubeBuildException.class,
                () -> TreeInputs.checkTestWhat(root, List.of("test", "test-integration"), "configmap")))
                .hasMessageContaining("no folder");
        assertThatCode(() -> TreeInputs.checkTestWhat(root, List.of("test"), "./pkg/kubectl/...")).doesNotThrowAnyException();
        KubeBuildException mixed = catchThrowableOfType(KubeBuildException.class,
                () -> TreeInputs.checkTestWhat(root, List.of("test", "test-cmd"), "configmap ./pkg/kubectl/..."));
        assertThat(mixed).hasMessageContaining("'configmap ./pkg/kubectl/...'").hasMessageContaining("test as packages");
        assertThat(mixed.hint()).contains("-Dkube.testTargets=test-cmd");
        assertThatCode(() -> TreeInputs.checkTestWhat(root, List.of("test", "test-cmd"), "")).doesNotThrowAnyException();
    }

    @Test
    void aTreeWithoutCommandTestsLeavesTestCmdsWhatToItsScript() {
        assertThatCode(() -> TreeInputs.checkTestWhat(root, List.of("test-cmd"), "anything")).doesNotThrowAnyException();
    }
}
