package io.github.kubemaven.transport;

import io.github.kubemaven.ground.HostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedOrphansTest {

    @Test
    void aGeneratedFileWhosePackageLeftTheTreeIsAnOrphan() {
        assertThat(GeneratedOrphans.find(
                List.of("pkg/moved/zz_generated.deepcopy.go", "pkg/apis/core/zz_generated.deepcopy.go"),
                List.of("pkg/apis/core/types.go", "pkg/other/other.go")))
                .containsExactly("pkg/moved/zz_generated.deepcopy.go");
    }

    @Test
    void anyGoSourceKeepsThePackageEvenDocGo() {
        assertThat(GeneratedOrphans.find(
                List.of("pkg/apis/core/zz_generated.deepcopy.go", "pkg/apis/core/v1/generated.proto"),
                List.of("pkg/apis/core/doc.go", "pkg/apis/core/v1/register.go")))
                .isEmpty();
    }

    @Test
    void aFolderWithoutGoSourcesCountsAsGone() {
        assertThat(GeneratedOrphans.find(
                List.of("pkg/apis/core/zz_generated.deepcopy.go"),
                List.of("pkg/apis/core/OWNERS", "pkg/apis/core/README.md", "pkg/apis/core", "pkg/apis/core/v1/types.go")))
                .containsExactly("pkg/apis/core/zz_generated.deepcopy.go");
    }

    @Test
    void aFolderWhoseOnlyGoFileIsAGeneratedOneTheTreeHoldsIsStillAPackage() {
        assertThat(GeneratedOrphans.find(
                List.of("staging/src/k8s.io/kube-aggregator/pkg/generated/openapi/zz_generated.openapi.go"),
                List.of("staging/src/k8s.io/kube-aggregator/pkg/generated/openapi/BUILD",
                        "staging/src/k8s.io/kube-aggregator/pkg/generated/openapi/zz_generated.openapi.go")))
                .isEmpty();
    }

    @Test
    void aGeneratedFileAtTheTopBelongsToTheTopFolder() {
        assertThat(GeneratedOrphans.find(List.of("zz_generated.top.go"), List.of("Makefile", "pkg/a.go")))
                .containsExactly("zz_generated.top.go");
        assertThat(GeneratedOrphans.find(List.of("zz_generated.top.go"), List.of("Makefile", "main.go")))
                .isEmpty();
    }

    @Test
    void orphansComeSorted() {
        assertThat(GeneratedOrphans.find(List.of("pkg/b/zz_generated.x.go", "pkg/a/zz_generated.x.go", "c/generated.proto"), List.of()))
                .containsExactly("c/generated.proto", "pkg/a/zz_generated.x.go", "pkg/b/zz_generated.x.go");
    }

    @Test
    void eachOrphanIsHiddenFromTheSenderAndAtRiskOnTheReceiver() {
        assertThat(GeneratedOrphans.removalRules(List.of("pkg/a/zz_generated.deepcopy.go", "zz_generated.top.go")))
                .containsExactly(
                        "H /pkg/a/zz_generated.deepcopy.go", "R /pkg/a/zz_generated.deepcopy.go",
                        "H /zz_generated.top.go", "R /zz_generated.top.go");
    }

    @Test
    void wildcardsAreEscapedOnlyWhereThePathHasAny() {
        assertThat(GeneratedOrphans.removalRules(List.of("pkg/a b\\c/zz_generated.x.go")))
                .containsExactly("H /pkg/a b\\c/zz_generated.x.go", "R /pkg/a b\\c/zz_generated.x.go");
        assertThat(GeneratedOrphans.removalRules(List.of("pkg/[v1]*?\\/zz_generated.x.go")))
                .containsExactly("H /pkg/\\[v1\\]\\*\\?\\\\/zz_generated.x.go", "R /pkg/\\[v1\\]\\*\\?\\\\/zz_generated.x.go");
    }

    @Test
    void noOrphansNoRules() {
        assertThat(GeneratedOrphans.removalRules(List.of())).isEmpty();
    }

    @Test
    void rsyncRemovesExactlyTheOrphansAndKeepsTheOtherProtectedFiles(@TempDir Path host, @TempDir Path volume) throws IOException {
        write(host, "pkg/apis/core/types.go", "package core");
        write(host, "pkg/[v1]*/types.go", "package v1");
        for (String generated : List.of("pkg/apis/core/zz_generated.deepcopy.go", "pkg/moved/zz_generated.deepcopy.go",
                "pkg/odd [dir]*?\\x/zz_generated.deepcopy.go", "pkg/a b\\c/generated.proto", "pkg/[v1]*/zz_generated.x.go",
                "pkg/odd drx/zz_generated.deepcopy.go")) {
            write(volume, generated, "generated");
        }
        List<String> orphans = GeneratedOrphans.find(
                List.of("pkg/apis/core/zz_generated.deepcopy.go", "pkg/moved/zz_generated.deepcopy.go",
                        "pkg/odd [dir]*?\\x/zz_generated.deepcopy.go", "pkg/a b\\c/generated.proto", "pkg/[v1]*/zz_generated.x.go"),
                List.of("pkg/apis/core/types.go", "pkg/[v1]*/types.go"));
        assertThat(orphans).containsExactly("pkg/a b\\c/generated.proto", "pkg/moved/zz_generated.deepcopy.go",
                "pkg/odd [dir]*?\\x/zz_generated.deepcopy.go");

        List<String> command = new ArrayList<>(List.of("rsync", "--archive", "--delete"));
        RsyncFilters.syncIn(true, GeneratedOrphans.removalRules(orphans)).forEach(rule -> command.add("--filter=" + rule));
        command.add(host + "/");
        command.add(volume + "/");
        HostProcess.Result result = HostProcess.of(command).in(host).capture();
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        assertThat(volume.resolve("pkg/moved/zz_generated.deepcopy.go")).doesNotExist();
        assertThat(volume.resolve("pkg/odd [dir]*?\\x/zz_generated.deepcopy.go")).doesNotExist();
        assertThat(volume.resolve("pkg/a b\\c/generated.proto")).doesNotExist();
        assertThat(volume.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("generated");
        assertThat(volume.resolve("pkg/[v1]*/zz_generated.x.go")).hasContent("generated");
        assertThat(volume.resolve("pkg/odd drx/zz_generated.deepcopy.go")).as("an unescaped pattern would match it").hasContent("generated");
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
