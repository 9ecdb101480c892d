package io.github.kubemaven.transport;

import io.github.kubemaven.ground.HostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostRsyncListingTest {

    private static final List<String> ODD_FILES = List.of(
            "pkg/apis/core/zz_generated.deepcopy.go",
            "pkg/a b/zz_generated.conversion.go",
            "pkg/odd\nname/generated.proto",
            "pkg/tab\there/zz_generated.x.go",
            "pkg/back\\slash/zz_generated.x.go",
            "pkg/hash\\#012literal/zz_generated.x.go",
            "pkg/ü/日本/generated.proto",
            "pkg/ leading and trailing /zz_generated.x.go",
            "top level file");

    @Test
    void foldersAreLeftOutAndEscapesUndone() {
        String listing = """
                drwxr-xr-x          4,096 2021/01/18 20:00:00 .
                drwxr-xr-x          4,096 2021/01/18 20:00:00 pkg
                -rw-r--r--          1,234 2021/01/18 20:00:00 pkg/apis/core/zz_generated.deepcopy.go
                -rw-r--r--            999 2021/01/18 20:00:00 pkg/a b/zz_generated.conversion.go
                -rw-r--r--             10 2021/01/18 20:00:00 pkg/odd\\#012name/generated.proto
                -rw-r--r--      5,000,000 2021/01/18 20:00:00 pkg/\\#303\\#274/zz_generated.x.go
                """;

        assertThat(HostRsync.parseListing(listing)).containsExactly(
                "pkg/apis/core/zz_generated.deepcopy.go",
                "pkg/a b/zz_generated.conversion.go",
                "pkg/odd\nname/generated.proto",
                "pkg/ü/zz_generated.x.go");
    }

    @Test
    void aNameThatIsNoUtf8ComesBackAsTheKeyOfItsBytes() {
        String listing = "-rw-r--r--             10 2021/01/18 20:00:00 pkg/a\\#377/zz_generated.x.go\n";

        List<String> paths = HostRsync.parseListing(listing);

        assertThat(paths).containsExactly("pkg/a\uDCFF/zz_generated.x.go");
        assertThat(io.github.kubemaven.tree.TreeKeys.bytes(paths.get(0)))
                .isEqualTo(new byte[] {'p', 'k', 'g', '/', 'a', (byte) 0xff, '/', 'z', 'z', '_', 'g', 'e', 'n', 'e', 'r', 'a', 't', 'e', 'd',
                        '.', 'x', '.', 'g', 'o'});
    }

    @Test
    void anEmptyListingHasNoFiles() {
        assertThat(HostRsync.parseListing("")).isEmpty();
        assertThat(HostRsync.parseListing("drwxr-xr-x          4,096 2021/01/18 20:00:00 .\n")).isEmpty();
    }

    @Test
    void whatTheRealRsyncListsComesBackAsTheFilesAre(@TempDir Path tree) throws IOException {
        for (String file : ODD_FILES) {
            Files.createDirectories(tree.resolve(file).getParent());
            Files.writeString(tree.resolve(file), file);
        }
        Files.createDirectories(tree.resolve("pkg/empty"));

        for (String locale : List.of("C", "C.UTF-8")) {
            assertThat(HostRsync.parseListing(list(tree, locale))).as(locale).containsExactlyInAnyOrderElementsOf(ODD_FILES);
        }
    }

    @Test
    void theGeneratedListingFiltersLetOnlyGeneratedFilesThrough(@TempDir Path tree) throws IOException {
        for (String file : List.of("pkg/apis/core/zz_generated.deepcopy.go", "pkg/apis/core/types.go", "pkg/api/generated.proto",
                ".git/zz_generated.x", "_output/dockerized/go/zz_generated.x.go", "pkg/ü/zz_generated.x.go")) {
            Files.createDirectories(tree.resolve(file).getParent());
            Files.writeString(tree.resolve(file), file);
        }

        assertThat(HostRsync.parseListing(list(tree, "C", RsyncFilters.generatedListing())))
                .containsExactlyInAnyOrder("pkg/apis/core/zz_generated.deepcopy.go", "pkg/api/generated.proto", "pkg/ü/zz_generated.x.go");
    }

    private static String list(Path tree, String locale) {
        return list(tree, locale, List.of());
    }

    private static String list(Path tree, String locale, List<String> filters) {
        List<String> command = new ArrayList<>(List.of("rsync", "--list-only", "--recursive", "--prune-empty-dirs"));
        filters.forEach(filter -> command.add("--filter=" + filter));
        command.add(tree + "/");
        HostProcess.Result result = HostProcess.of(command).in(tree).environment(Map.of("LC_ALL", locale)).capture();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout();
    }

    @Test
    void onlyTheDaemonsOneConnectionAtATimeCountsAsTurnedAway() {
        assertThat(HostRsync.turnedAway(new io.github.kubemaven.ground.HostProcess.Result(5, "",
                "@ERROR: max connections (1) reached -- try again later\nrsync error: error starting client-server protocol (code 5)"))).isTrue();
        assertThat(HostRsync.turnedAway(new io.github.kubemaven.ground.HostProcess.Result(5, "", "@ERROR: auth failed on module k8s")))
                .isFalse();
        assertThat(HostRsync.turnedAway(new io.github.kubemaven.ground.HostProcess.Result(0, "", ""))).isFalse();
    }

    @Test
    void theNonRegularFilesRsyncSkippedAreReadFromItsOutputWithEscapesUndone() {
        String output = "skipping non-regular file \"_output/dockerized/bin/linux/amd64/pipe\"\n"
                + "sent 120 bytes  received 35 bytes\n"
                + "skipping non-regular file \"pkg/we ird\"q\"\n"
                + "skipping non-regular file \"caf\\#303\\#251\"\n";
        org.assertj.core.api.Assertions.assertThat(HostRsync.skippedNonRegular(output))
                .containsExactly("_output/dockerized/bin/linux/amd64/pipe", "pkg/we ird\"q", "caf\u00e9");
    }
}
