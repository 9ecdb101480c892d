package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs real git to tell files the build writes from files somebody edited. */
class UpToDateRecordTest {

    @TempDir
    Path root;
    private final RecordingLog log = new RecordingLog();
    private final List<String> messages = log.lines();

    private boolean writesTree;

    private UpToDateRecord build() {
        return build("main", "key");
    }

    private UpToDateRecord build(String branch, String key) {
        return new UpToDateRecord(root, binaries(), root.resolve("_output/kube-maven"), "rsync", branch, key, writesTree, log);
    }

    private Path binaries() {
        return root.resolve("_output/dockerized/bin");
    }

    /** A build that copies out a new kubectl the way copy-out does, by renaming a new file over the old one. */
    private void builds(UpToDateRecord build, String kubectl) throws IOException {
        Verdict started = build.upToDate(false, "make");
        assertThat(started.upToDate()).isFalse();
        Path binary = binaries().resolve("linux/amd64/kubectl");
        Files.createDirectories(binary.getParent());
        Path incoming = root.resolve("_output/incoming-kubectl");
        Files.writeString(incoming, kubectl);
        Files.move(incoming, binary, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        build.recordSuccess(started);
    }

    @BeforeEach
    void checkout() throws IOException {
        Files.writeString(root.resolve("Makefile"), "all:");
        Files.writeString(root.resolve(".gitignore"), "/generated/bindata.go\n");
        Files.createDirectories(root.resolve("generated"));
        Files.writeString(root.resolve("generated/bindata.go"), "package generated // old");
        HostProcess.of("git", "init", "-q").in(root).capture();
    }

    @Test
    void filesGitIgnoresThatTheBuildRewritesDoNotStopTheRecord() throws IOException {
        UpToDateRecord build = build();
        Verdict started = build.upToDate(false, "make");
        assertThat(started.upToDate()).isFalse();
        Files.writeString(root.resolve("generated/bindata.go"), "package generated // made by this build");
        build.recordSuccess(started);
        assertThat(build().upToDate(false, "make").upToDate()).isTrue();
        assertThat(messages).anyMatch(message -> message.startsWith("Up to date"));
    }

    @Test
    void anEditToASourceWhileTheBuildRunsIsNotRecordedAsBuilt() throws IOException {
        UpToDateRecord build = build();
        Verdict started = build.upToDate(false, "make");
        assertThat(started.upToDate()).isFalse();
        Files.writeString(root.resolve("Makefile"), "all: edited while building");
        build.recordSuccess(started);
        assertThat(messages).anyMatch(message -> message.contains("Not recording this build as up to date: Makefile changed while it ran"));
        assertThat(build().upToDate(false, "make").upToDate()).isFalse();
    }

    @Test
    void aTrackedFileTheBuildRewritesWithTheSameContentDoesNotStopTheRecord() throws IOException {
        writesTree = true;
        Files.writeString(root.resolve("bindata.go"), "package main // generated");
        UpToDateRecord build = build();
        Verdict started = build.upToDate(false, "make");
        assertThat(started.upToDate()).isFalse();
        Files.writeString(root.resolve("bindata.go"), "package main // generated");
        Files.setLastModifiedTime(root.resolve("bindata.go"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        build.recordSuccess(started);
        assertThat(build().upToDate(false, "make").upToDate()).isTrue();
    }

    @Test
    void aTrackedFileRewrittenWithNewContentStopsTheRecord() throws IOException {
        writesTree = true;
        Files.writeString(root.resolve("bindata.go"), "package main // generated");
        UpToDateRecord build = build();
        Verdict started = build.upToDate(false, "make");
        Files.writeString(root.resolve("bindata.go"), "package main // generated anew, or edited meanwhile");
        build.recordSuccess(started);
        assertThat(build().upToDate(false, "make").upToDate()).isFalse();
    }

    @Test
    void forceBuildsAndAFailedBuildLeavesNoRecord() {
        UpToDateRecord first = build();
        first.recordSuccess(first.upToDate(false, "make"));
        assertThat(build().upToDate(true, "make").upToDate()).as("kube.force").isFalse();
        assertThat(root.resolve("_output/kube-maven/build-rsync-main.stamp")).doesNotExist();
        assertThat(build().upToDate(false, "make").upToDate()).as("the forced build never finished").isFalse();
    }

    @Test
    void filesTouchedWithTheirContentUnchangedAreNoChange() throws IOException {
        Files.writeString(root.resolve("types.go"), "package core");
        builds(build(), "kubectl 1");
        Files.setLastModifiedTime(root.resolve("types.go"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Files.setLastModifiedTime(root.resolve("Makefile"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(build().upToDate(false, "make").upToDate()).as("touched only").isTrue();
        Files.writeString(root.resolve("types.go"), "package kore");
        assertThat(build().upToDate(false, "make").upToDate()).as("same size, new content").isFalse();
        assertThat(messages).anyMatch(message -> message.equals("Building because source types.go changed"));
    }

    @Test
    void aCheckThatFindsFilesOnlyTouchedNamesThemAsTheyWereAndAreNow() throws IOException {
        Files.writeString(root.resolve("types.go"), "package core");
        builds(build(), "kubectl 1");
        TreeSnapshot.Entry was = TreeSnapshot.entryOf(root.resolve("types.go"));
        Files.setLastModifiedTime(root.resolve("types.go"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        UpToDateRecord check = build();
        Optional<Verdict> found = check.unchanged("make", () -> TreeSnapshot.sources(root));
        assertThat(found).isPresent();
        assertThat(found.get().retimed()).containsOnlyKeys("types.go");
        assertThat(found.get().retimed().get("types.go").was().sizeAndTime()).isEqualTo(was.sizeAndTime());
        assertThat(found.get().retimed().get("types.go").now().sizeAndTime()).isEqualTo(TreeSnapshot.entryOf(root.resolve("types.go")).sizeAndTime());
        UpToDateRecord again = build();
        Optional<Verdict> foundAgain = again.unchanged("make", () -> TreeSnapshot.sources(root));
        assertThat(foundAgain).isPresent();
        assertThat(foundAgain.get().retimed()).as("the refreshed record vouches for the new time").isEmpty();
    }

    @Test
    void aKeyNoRecordHoldsEndsTheQuickCheckBeforeTheTreeIsLookedAt() throws IOException {
        builds(build(), "kubectl 1");
        int said = messages.size();
        Supplier<TreeSnapshot> unwalked = () -> {
            throw new AssertionError("the tree was looked at");
        };
        assertThat(build("main", "another key").unchanged("make", unwalked)).isEmpty();
        assertThat(build("topic", "another key").unchanged("make", unwalked)).as("a new branch").isEmpty();
        assertThat(build("topic", "key").unchanged("make", () -> TreeSnapshot.sources(root)))
                .as("a new branch where main's record has the key").isPresent();
        assertThat(messages.subList(said, messages.size())).noneMatch(message -> message.startsWith("Building because"));
    }

    @Test
    void aGeneratedFileOnlyTouchedIsNamedToo() throws IOException {
        Files.createDirectories(root.resolve("pkg"));
        Path generated = root.resolve("pkg/zz_generated.deepcopy.go");
        Files.writeString(generated, "package pkg");
        builds(build(), "kubectl 1");
        TreeSnapshot.Entry was = TreeSnapshot.entryOf(generated);
        Files.setLastModifiedTime(generated, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        UpToDateRecord check = build();
        Optional<Verdict> found = check.unchanged("make", () -> TreeSnapshot.sources(root));
        assertThat(found).isPresent();
        assertThat(found.get().retimed()).containsOnlyKeys("pkg/zz_generated.deepcopy.go");
        assertThat(found.get().retimed().get("pkg/zz_generated.deepcopy.go").was().sizeAndTime()).isEqualTo(was.sizeAndTime());
        assertThat(found.get().retimed().get("pkg/zz_generated.deepcopy.go").now().sizeAndTime())
                .isEqualTo(TreeSnapshot.entryOf(generated).sizeAndTime());
    }

    @Test
    void aNewBranchWhereAnotherWasBuiltIsUpToDate() throws IOException {
        builds(build("main", "key"), "kubectl 1");
        assertThat(build("topic", "key").upToDate(false, "make").upToDate()).isTrue();
        assertThat(messages).anyMatch(message -> message.contains("of another branch saw it"));
        assertThat(build("topic", "another key").upToDate(false, "make").upToDate()).as("another version stamp").isFalse();
    }

    @Test
    void goingBackToABranchBuiltBeforeBringsItsBinariesBack() throws IOException {
        builds(build("main", "key"), "kubectl of main");
        Files.writeString(root.resolve("Makefile"), "all: topic");
        builds(build("topic", "topic key"), "kubectl of topic");
        Files.writeString(root.resolve("Makefile"), "all:");
        assertThat(build("main", "key").upToDate(false, "make").upToDate()).as(String.join("\n", messages)).isTrue();
        assertThat(binaries().resolve("linux/amd64/kubectl")).hasContent("kubectl of main");
        Files.writeString(root.resolve("Makefile"), "all: topic");
        assertThat(build("topic", "topic key").upToDate(false, "make").upToDate()).isTrue();
        assertThat(binaries().resolve("linux/amd64/kubectl")).hasContent("kubectl of topic");
    }

    /** A build whose copy-out also writes a generated file git ignores, by renaming it into place. */
    private void buildsWithOpenapi(UpToDateRecord build, String kubectl, String openapi) throws IOException {
        Verdict started = build.upToDate(false, "make");
        assertThat(started.upToDate()).isFalse();
        Path file = root.resolve(OPENAPI);
        Files.createDirectories(file.getParent());
        Path incoming = root.resolve("_output/incoming-openapi");
        Files.createDirectories(incoming.getParent());
        Files.writeString(incoming, openapi);
        Files.move(incoming, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path binary = binaries().resolve("linux/amd64/kubectl");
        Files.createDirectories(binary.getParent());
        Files.writeString(incoming, kubectl);
        Files.move(incoming, binary, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        build.recordSuccess(started);
    }

    private static final String OPENAPI = "pkg/generated/openapi/zz_generated.openapi.go";

    /**
     * main built, then topic (one Makefile line apart, another commit and so another version stamp in its key), each
     * copying out its own kubectl and generated file.
     */
    private void mainThenTopicBuilt() throws IOException {
        buildsWithOpenapi(build("main", "key"), "kubectl of main", "openapi of main");
        Files.writeString(root.resolve("Makefile"), "all: topic");
        buildsWithOpenapi(build("topic", "topic key"), "kubectl of topic", "openapi of topic, longer");
    }

    /** The package the generated file belongs to, in the tree before any build, as a checkout has it. */
    private void openapiPackage(boolean ignored) throws IOException {
        Files.createDirectories(root.resolve(OPENAPI).getParent());
        Files.writeString(root.resolve("pkg/generated/openapi/doc.go"), "package openapi");
        if (ignored) {
            Files.writeString(root.resolve(".gitignore"), "/generated/bindata.go\n/" + OPENAPI + "\n");
        }
    }

    @Test
    void goingBackToABranchBuiltBeforeBringsBackTheGeneratedFilesGitIgnores() throws IOException, InterruptedException {
        openapiPackage(true);
        mainThenTopicBuilt();
        Thread.sleep(2_100); // past the snapshot's racy window: the records know the files by content, the switch need not
        Files.writeString(root.resolve("Makefile"), "all:");
        assertThat(build("main", "key").upToDate(false, "make").upToDate()).as(String.join("\n", messages)).isTrue();
        assertThat(root.resolve(OPENAPI)).hasContent("openapi of main");
        assertThat(binaries().resolve("linux/amd64/kubectl")).hasContent("kubectl of main");
        assertThat(messages).anyMatch(message -> message.startsWith("Restored 1 generated file git ignores of that build: " + OPENAPI));
        assertThat(build("main", "key").upToDate(false, "make").upToDate()).as("and stays up to date").isTrue();
        Files.writeString(root.resolve("Makefile"), "all: topic");
        assertThat(build("topic", "topic key").upToDate(false, "make").upToDate()).isTrue();
        assertThat(root.resolve(OPENAPI)).hasContent("openapi of topic, longer");
    }

    @Test
    void aGeneratedFileSomebodyEditedIsNeverReplacedFromAStash() throws IOException {
        openapiPackage(true);
        mainThenTopicBuilt();
        Files.writeString(root.resolve(OPENAPI), "openapi someone edited by hand");
        Files.writeString(root.resolve("Makefile"), "all:");
        assertThat(build("main", "key").upToDate(false, "make").upToDate()).isFalse();
        assertThat(messages).anyMatch(message -> message.equals("Building because generated file " + OPENAPI + " changed"));
        assertThat(root.resolve(OPENAPI)).hasContent("openapi someone edited by hand");
        assertThat(messages).noneMatch(message -> message.startsWith("Restored"));
    }

    @Test
    void aTrackedGeneratedFileIsLeftToGit() throws IOException {
        openapiPackage(false);
        mainThenTopicBuilt();
        Files.writeString(root.resolve("Makefile"), "all:");
        assertThat(build("main", "key").upToDate(false, "make").upToDate()).as("git does not ignore it: a checkout decides").isFalse();
        assertThat(messages).anyMatch(message -> message.equals("Building because generated file " + OPENAPI + " changed"));
        assertThat(root.resolve(OPENAPI)).hasContent("openapi of topic, longer");
    }

    @Test
    void aBinaryWrittenInPlaceSinceIsNotRestored() throws IOException {
        builds(build("main", "key"), "kubectl of main");
        Files.writeString(root.resolve("Makefile"), "all: topic");
        UpToDateRecord topic = build("topic", "topic key");
        Verdict started = topic.upToDate(false, "make");
        assertThat(started.upToDate()).isFalse();
        Files.writeString(binaries().resolve("linux/amd64/kubectl"), "kubectl of topic, written in place");
        topic.recordSuccess(started);
        Files.writeString(root.resolve("Makefile"), "all:");
        assertThat(build("main", "key").upToDate(false, "make").upToDate()).as("main's stash was overwritten through its link").isFalse();
        assertThat(messages).anyMatch(message -> message.equals("Building because binary linux/amd64/kubectl changed"));
    }
}
