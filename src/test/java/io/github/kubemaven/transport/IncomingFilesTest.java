package io.github.kubemaven.transport;

import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IncomingFilesTest {

    private static final FileTime AN_HOUR_AGO = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);

    @TempDir
    Path root;
    /** A folder of the user's outside the tree, which nothing may reach. */
    @TempDir
    Path outside;
    private Path staging;
    private Path kept;
    private final RecordingLog log = new RecordingLog();
    private final List<String> warnings = log.warnings();

    @BeforeEach
    void folders() {
        staging = root.resolve("_output/kube-maven/incoming");
        kept = root.resolve("_output/kube-maven/kept");
    }

    private void inTree(String path, String text) throws IOException {
        write(root.resolve(path), text);
    }

    private void staged(String path, String text) throws IOException {
        write(staging.resolve(path), text);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
    }

    private TreeSnapshot snapshot() {
        return TreeSnapshot.take(root, root.resolve("_output/dockerized/bin"));
    }

    private List<String> moveIntoTree(TreeSnapshot sent) {
        return new IncomingFiles(root, staging, kept, log).moveIntoTree(sent, List.of()).kept();
    }

    @Test
    void theLogNamesTheFirstFiveFilesWrittenIntoTheTreeAndCountsTheRest() throws IOException {
        for (int i = 1; i <= 7; i++) {
            inTree("pkg/apis/group" + i + "/types.go", "package group" + i);
        }
        TreeSnapshot sent = snapshot();
        for (int i = 1; i <= 7; i++) {
            staged("pkg/apis/group" + i + "/zz_generated.deepcopy.go", "deepcopy " + i);
        }

        new IncomingFiles(root, staging, kept, log).moveIntoTree(sent, List.of());

        assertThat(log.lines()).contains("Copied into the tree: pkg/apis/group1/zz_generated.deepcopy.go, "
                + "pkg/apis/group2/zz_generated.deepcopy.go, pkg/apis/group3/zz_generated.deepcopy.go, "
                + "pkg/apis/group4/zz_generated.deepcopy.go, pkg/apis/group5/zz_generated.deepcopy.go and 2 more");
    }

    @Test
    void theFilesWrittenIntoTheTreeAreNamedAndTheOutputFolderIsNot() throws IOException {
        inTree("pkg/apis/core/zz_generated.deepcopy.go", "old deepcopy");
        inTree("pkg/apis/apps/zz_generated.deepcopy.go", "apps deepcopy");
        TreeSnapshot sent = snapshot();
        write(root.resolve("pkg/apis/apps/zz_generated.deepcopy.go"), "edited while the build ran");
        staged("pkg/apis/core/zz_generated.deepcopy.go", "new deepcopy");
        staged("pkg/apis/apps/zz_generated.deepcopy.go", "the build's apps deepcopy");
        staged("_output/dockerized/bin/linux/amd64/kubectl", "binary");

        IncomingFiles.Moved moved = new IncomingFiles(root, staging, kept, log).moveIntoTree(sent, List.of());

        assertThat(moved.written()).containsOnlyKeys("pkg/apis/core/zz_generated.deepcopy.go");
        Path written = root.resolve("pkg/apis/core/zz_generated.deepcopy.go");
        TreeSnapshot.Entry asWritten = TreeSnapshot.entryByContentOf(written);
        write(written, "edited right after the move");
        assertThat(moved.written().get("pkg/apis/core/zz_generated.deepcopy.go")).as("what the build wrote, not the edit")
                .isEqualTo(asWritten)
                .extracting(TreeSnapshot.Entry::contentHash).isEqualTo(io.github.kubemaven.ground.Hashing.sha256("new deepcopy"));
        assertThat(moved.kept()).containsExactly("pkg/apis/apps/zz_generated.deepcopy.go");
        assertThat(root.resolve("_output/dockerized/bin/linux/amd64/kubectl")).hasContent("binary");
        assertThat(log.lines()).contains("Copied into the tree: pkg/apis/core/zz_generated.deepcopy.go");
    }

    @Test
    void aFileTheTreeStillHoldsAsSentIsReplaced() throws IOException {
        inTree("pkg/apis/core/types.go", "package core");
        inTree("pkg/apis/core/zz_generated.deepcopy.go", "old deepcopy");
        inTree("pkg/api/generated.pb.go", "old pb");
        TreeSnapshot sent = snapshot();
        staged("pkg/apis/core/zz_generated.deepcopy.go", "new deepcopy");
        staged("pkg/api/generated.pb.go", "new pb");

        assertThat(moveIntoTree(sent)).isEmpty();
        assertThat(root.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("new deepcopy");
        assertThat(root.resolve("pkg/api/generated.pb.go")).hasContent("new pb");
        assertThat(kept).doesNotExist();
        assertThat(warnings).isEmpty();
        assertThat(staging).doesNotExist();
    }

    @Test
    void filesTheUserChangedAfterSyncInAreKeptAside() throws IOException {
        inTree("pkg/apis/core/types.go", "package core");
        inTree("pkg/apis/apps/types.go", "package apps");
        inTree("pkg/apis/apps/zz_generated.conversion.go", "old conversion");
        inTree("pkg/api/generated.pb.go", "old pb");
        inTree("pkg/apis/batch/zz_generated.defaults.go", "old defaults");
        inTree("pkg/gone/types.go", "package gone");
        inTree("pkg/gone/zz_generated.deepcopy.go", "old gone");
        TreeSnapshot sent = snapshot();

        Files.writeString(root.resolve("pkg/apis/apps/zz_generated.conversion.go"), "the user's longer edit");
        Files.setLastModifiedTime(root.resolve("pkg/api/generated.pb.go"), FileTime.fromMillis(System.currentTimeMillis()));
        Files.setPosixFilePermissions(root.resolve("pkg/apis/batch/zz_generated.defaults.go"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(root.resolve("pkg/apis/batch/zz_generated.defaults.go"), AN_HOUR_AGO);
        inTree("pkg/apis/core/zz_generated.mine.go", "made by the user");
        Files.delete(root.resolve("pkg/gone/zz_generated.deepcopy.go"));
        Files.delete(root.resolve("pkg/gone/types.go"));
        Files.delete(root.resolve("pkg/gone"));

        staged("pkg/apis/apps/zz_generated.conversion.go", "new conversion");
        staged("pkg/api/generated.pb.go", "new pb");
        staged("pkg/apis/batch/zz_generated.defaults.go", "new defaults");
        staged("pkg/apis/core/zz_generated.mine.go", "made by the build");
        staged("pkg/apis/core/zz_generated.openapi.go", "new openapi");
        staged("pkg/gone/zz_generated.deepcopy.go", "new gone");
        staged("pkg/never/zz_generated.deepcopy.go", "new never");
        staged("_output/dockerized/bin/linux/amd64/kubectl", "binary");

        List<String> left = moveIntoTree(sent);

        assertThat(root.resolve("pkg/apis/core/zz_generated.openapi.go")).hasContent("new openapi");
        assertThat(root.resolve("_output/dockerized/bin/linux/amd64/kubectl")).hasContent("binary");

        assertThat(root.resolve("pkg/apis/apps/zz_generated.conversion.go")).hasContent("the user's longer edit");
        assertThat(root.resolve("pkg/api/generated.pb.go")).hasContent("old pb");
        assertThat(root.resolve("pkg/apis/batch/zz_generated.defaults.go")).hasContent("old defaults");
        assertThat(root.resolve("pkg/apis/core/zz_generated.mine.go")).hasContent("made by the user");
        assertThat(root.resolve("pkg/gone")).doesNotExist();
        assertThat(root.resolve("pkg/never")).doesNotExist();

        assertThat(left).containsExactlyInAnyOrder(
                "pkg/apis/apps/zz_generated.conversion.go",
                "pkg/api/generated.pb.go",
                "pkg/apis/batch/zz_generated.defaults.go",
                "pkg/apis/core/zz_generated.mine.go",
                "pkg/gone/zz_generated.deepcopy.go",
                "pkg/never/zz_generated.deepcopy.go");
        assertThat(kept.resolve("pkg/apis/apps/zz_generated.conversion.go")).hasContent("new conversion");
        assertThat(kept.resolve("pkg/api/generated.pb.go")).hasContent("new pb");
        assertThat(kept.resolve("pkg/apis/batch/zz_generated.defaults.go")).hasContent("new defaults");
        assertThat(kept.resolve("pkg/apis/core/zz_generated.mine.go")).hasContent("made by the build");
        assertThat(kept.resolve("pkg/gone/zz_generated.deepcopy.go")).hasContent("new gone");
        assertThat(kept.resolve("pkg/never/zz_generated.deepcopy.go")).hasContent("new never");
        assertThat(kept.resolve("pkg/apis/core/zz_generated.openapi.go")).doesNotExist();

        assertThat(warnings).hasSize(6).anySatisfy(line -> assertThat(line)
                .contains("pkg/apis/apps/zz_generated.conversion.go")
                .contains(kept.resolve("pkg/apis/apps/zz_generated.conversion.go").toString()));
        assertThat(staging).doesNotExist();
    }

    @Test
    void anEditThatKeepsSizeAndTimeIsCaughtByContentWhenSyncInSawTheFileFresh() throws IOException {
        Path file = root.resolve("pkg/apis/core/zz_generated.deepcopy.go");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "version one");
        FileTime now = Files.getLastModifiedTime(file);
        TreeSnapshot sent = snapshot();

        Files.writeString(file, "version two");
        Files.setLastModifiedTime(file, now);
        staged("pkg/apis/core/zz_generated.deepcopy.go", "from the build");

        assertThat(moveIntoTree(sent)).containsExactly("pkg/apis/core/zz_generated.deepcopy.go");
        assertThat(file).hasContent("version two");
    }

    @Test
    void withoutARecordOfWhatWasSentOnlyFilesTheTreeLacksAreWritten() throws IOException {
        inTree("pkg/apis/core/types.go", "package core");
        inTree("pkg/apis/core/zz_generated.deepcopy.go", "the tree's copy");
        staged("pkg/apis/core/zz_generated.deepcopy.go", "from the build");
        staged("pkg/apis/core/zz_generated.openapi.go", "new openapi");
        staged("pkg/missing/zz_generated.deepcopy.go", "folder not in the tree");
        staged("_output/dockerized/bin/linux/amd64/kubectl", "binary");

        List<String> left = moveIntoTree(null);

        assertThat(root.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("the tree's copy");
        assertThat(root.resolve("pkg/apis/core/zz_generated.openapi.go")).hasContent("new openapi");
        assertThat(root.resolve("pkg/missing")).doesNotExist();
        assertThat(root.resolve("_output/dockerized/bin/linux/amd64/kubectl")).hasContent("binary");
        assertThat(left).containsExactlyInAnyOrder("pkg/apis/core/zz_generated.deepcopy.go", "pkg/missing/zz_generated.deepcopy.go");
        assertThat(kept.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("from the build");
        assertThat(staging).doesNotExist();
    }

    @Test
    void binariesAlwaysReplaceWhatIsThere() throws IOException {
        inTree("_output/dockerized/bin/linux/amd64/kubectl", "an old binary");
        TreeSnapshot sent = snapshot();
        Files.writeString(root.resolve("_output/dockerized/bin/linux/amd64/kubectl"), "a binary changed since");
        staged("_output/dockerized/bin/linux/amd64/kubectl", "the new binary");

        assertThat(moveIntoTree(sent)).isEmpty();
        assertThat(root.resolve("_output/dockerized/bin/linux/amd64/kubectl")).hasContent("the new binary");
    }

    @Test
    void aFolderTheUserPutWhereAGeneratedFileWasIsLeftAlone() throws IOException {
        inTree("pkg/apis/core/zz_generated.deepcopy.go", "old");
        TreeSnapshot sent = snapshot();
        Files.delete(root.resolve("pkg/apis/core/zz_generated.deepcopy.go"));
        inTree("pkg/apis/core/zz_generated.deepcopy.go/notes.txt", "the user's");
        staged("pkg/apis/core/zz_generated.deepcopy.go", "new");

        assertThat(moveIntoTree(sent)).containsExactly("pkg/apis/core/zz_generated.deepcopy.go");
        assertThat(root.resolve("pkg/apis/core/zz_generated.deepcopy.go/notes.txt")).hasContent("the user's");
        assertThat(kept.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("new");
    }

    @Test
    void aFileTheUserPutWhereAPackageFolderWasIsLeftAlone() throws IOException {
        inTree("pkg/apis/core/types.go", "package core");
        inTree("pkg/gone/types.go", "package gone");
        TreeSnapshot sent = snapshot();
        Files.delete(root.resolve("pkg/gone/types.go"));
        Files.delete(root.resolve("pkg/gone"));
        inTree("pkg/gone", "a file now");
        staged("pkg/gone/zz_generated.deepcopy.go", "new gone");
        staged("pkg/apis/core/zz_generated.deepcopy.go", "new core");

        assertThat(moveIntoTree(sent)).containsExactly("pkg/gone/zz_generated.deepcopy.go");
        assertThat(root.resolve("pkg/gone")).hasContent("a file now");
        assertThat(kept.resolve("pkg/gone/zz_generated.deepcopy.go")).hasContent("new gone");
        assertThat(root.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("new core");
        assertThat(staging).doesNotExist();
    }

    @Test
    void pathsWithSpacesTabsBackslashesAndAnyScriptWork() throws IOException {
        String folder = "pkg/odd dir\twith\\back/ünï 日本";
        inTree(folder + "/types.go", "package odd");
        inTree(folder + "/zz_generated.deepcopy.go", "old deepcopy");
        inTree(folder + "/zz_generated.conversion.go", "old conversion");
        TreeSnapshot sent = snapshot();
        Files.writeString(root.resolve(folder + "/zz_generated.conversion.go"), "the user's edit");
        staged(folder + "/zz_generated.deepcopy.go", "new deepcopy");
        staged(folder + "/zz_generated.conversion.go", "new conversion");
        staged(folder + "/zz_generated.openapi.go", "new openapi");

        List<String> left = moveIntoTree(sent);

        assertThat(root.resolve(folder + "/zz_generated.openapi.go")).hasContent("new openapi");
        assertThat(root.resolve(folder + "/zz_generated.conversion.go")).hasContent("the user's edit");
        assertThat(left).contains(folder + "/zz_generated.conversion.go");
        assertThat(kept.resolve(folder + "/zz_generated.conversion.go")).hasContent("new conversion");
        assertThat(staging).doesNotExist();
    }

    @Test
    void anUnchangedFileWithAnOddPathIsReplaced() throws IOException {
        String folder = "pkg/odd dir\twith\\back/ünï 日本";
        inTree(folder + "/types.go", "package odd");
        inTree(folder + "/zz_generated.deepcopy.go", "old deepcopy");
        TreeSnapshot sent = snapshot();
        staged(folder + "/zz_generated.deepcopy.go", "new deepcopy");

        assertThat(moveIntoTree(sent)).isEmpty();
        assertThat(root.resolve(folder + "/zz_generated.deepcopy.go")).hasContent("new deepcopy");
    }

    @Test
    void nothingStagedMovesNothing() {
        assertThat(moveIntoTree(snapshot())).isEmpty();
        assertThat(kept).doesNotExist();
    }

    @Test
    void linksOutOfTheTreeAndSpecialFilesStayOutAndAreNamedInOneWarning() throws Exception {
        Files.createDirectories(staging.resolve("_output/dockerized/bin/linux/amd64"));
        Files.createSymbolicLink(staging.resolve("_output/dockerized/bin/linux/amd64/evil"), outside);
        Files.createSymbolicLink(staging.resolve("_output/dockerized/bin/linux/amd64/up"), Path.of("../../../../../.."));
        Files.createDirectories(staging.resolve("pkg/apis/core"));
        Files.createSymbolicLink(staging.resolve("pkg/apis/core/zz_generated.deepcopy.go"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(staging.resolve("_output/dockerized/bin/linux/amd64/kube"), Path.of("kubectl"));
        staged("_output/dockerized/bin/linux/amd64/kubectl", "binary");
        Process fifo = new ProcessBuilder("mkfifo", staging.resolve("_output/dockerized/bin/linux/amd64/pipe").toString()).start();
        assertThat(fifo.waitFor()).isZero();

        IncomingFiles.Moved moved = new IncomingFiles(root, staging, kept, log)
                .moveIntoTree(snapshot(), List.of("_output/dockerized/bin/linux/amd64/socket"));

        Path bin = root.resolve("_output/dockerized/bin/linux/amd64");
        assertThat(bin.resolve("kubectl")).hasContent("binary");
        assertThat(Files.readSymbolicLink(bin.resolve("kube"))).as("a link inside the tree, as the build made it").isEqualTo(Path.of("kubectl"));
        for (String refused : List.of("evil", "up", "pipe")) {
            assertThat(bin.resolve(refused)).as(refused).doesNotExist();
            assertThat(Files.exists(bin.resolve(refused), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(refused).isFalse();
        }
        assertThat(Files.exists(root.resolve("pkg/apis/core/zz_generated.deepcopy.go"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(moved.written()).isEmpty();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("_output/dockerized/bin/linux/amd64/evil (a link to " + outside,
                "_output/dockerized/bin/linux/amd64/up (a link to ../../../../../..",
                "pkg/apis/core/zz_generated.deepcopy.go (a link to /etc/hostname",
                "_output/dockerized/bin/linux/amd64/pipe (no regular file)",
                "_output/dockerized/bin/linux/amd64/socket (no regular file)");
        assertNothingReached(outside);
        assertThat(staging).doesNotExist();
    }

    @Test
    void aFileBelowALinkOfTheTreeIsNotWrittenThroughIt() throws IOException {
        Files.createDirectories(root.resolve("_output/dockerized/bin/linux"));
        Files.createSymbolicLink(root.resolve("_output/dockerized/bin/linux/amd64"), outside);
        Files.createDirectories(root.resolve("pkg"));
        Files.createSymbolicLink(root.resolve("pkg/apis"), outside);
        staged("_output/dockerized/bin/linux/amd64/kubectl", "binary");
        staged("pkg/apis/core/zz_generated.deepcopy.go", "generated");

        IncomingFiles.Moved moved = new IncomingFiles(root, staging, kept, log).moveIntoTree(snapshot(), List.of());

        assertNothingReached(outside);
        assertThat(moved.written()).isEmpty();
        assertThat(warnings).singleElement().asString()
                .contains("_output/dockerized/bin/linux/amd64/kubectl (_output/dockerized/bin/linux/amd64 is a link or no folder)",
                        "pkg/apis/core/zz_generated.deepcopy.go (pkg/apis is a link or no folder)");
    }

    @Test
    void aLinkStaysInsideOnlyWhenItsTargetResolvesBelowTheRoot() {
        Path tree = Path.of("/work/tree");
        assertThat(io.github.kubemaven.ground.LinkFreePaths.staysInside(tree, "a/b/link", "c")).isTrue();
        assertThat(io.github.kubemaven.ground.LinkFreePaths.staysInside(tree, "a/b/link", "../c/d")).isTrue();
        assertThat(io.github.kubemaven.ground.LinkFreePaths.staysInside(tree, "a/b/link", "../../x")).isTrue();
        assertThat(io.github.kubemaven.ground.LinkFreePaths.staysInside(tree, "a/b/link", "../../../x")).isFalse();
        assertThat(io.github.kubemaven.ground.LinkFreePaths.staysInside(tree, "a/b/link", "../../../tree/x")).as("leaves and comes back: outside on the way").isTrue();
        assertThat(io.github.kubemaven.ground.LinkFreePaths.staysInside(tree, "a/b/link", "/work/tree/a")).as("absolute").isFalse();
        assertThat(io.github.kubemaven.ground.LinkFreePaths.staysInside(tree, "a/b/link", "../..")).as("the root itself").isFalse();
        assertThat(io.github.kubemaven.ground.LinkFreePaths.staysInside(tree, "link", "")).isFalse();
    }

    private static void assertNothingReached(Path folder) throws IOException {
        try (var left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void codeGeneratorsASeedBroughtStayOutOfTheTreeAndBinariesOfThisBuildComeIn() throws IOException {
        inTree("pkg/apis/core/types.go", "package core");
        staged("_output/dockerized/bin/linux/amd64/deepcopy-gen", "the seed's generator");
        staged("_output/dockerized/bin/linux/amd64/kubectl", "this build's kubectl");
        staged("pkg/apis/core/zz_generated.deepcopy.go", "the seed's generator");

        IncomingFiles.Moved moved = new IncomingFiles(root, staging, kept, log)
                .moveIntoTree(snapshot(), List.of(), java.util.Set.of(io.github.kubemaven.ground.Hashing.sha256("the seed's generator")));

        assertThat(moved.outputs()).containsExactly("_output/dockerized/bin/linux/amd64/kubectl");
        assertThat(root.resolve("_output/dockerized/bin/linux/amd64/deepcopy-gen")).doesNotExist();
        assertThat(root.resolve("pkg/apis/core/zz_generated.deepcopy.go")).as("only binaries are compared").hasContent("the seed's generator");
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Not copied out, as no build of this tree made them: deepcopy-gen "));
        assertThat(staging).doesNotExist();
    }
}
