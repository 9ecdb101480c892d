package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.RecordingLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs real git to tell files the build writes from files somebody edited. */
class UpToDateRecordTest {

    @TempDir
    Path root;
    private final RecordingLog log = new RecordingLog();
    private final List<String> messages = log.lines();

    private boolean writesTree;

    private UpToDateRecord build() {
        return new UpToDateRecord(root, root.resolve("_output/dockerized/bin"), root.resolve("_output/kube-maven/build.stamp"), "key", writesTree, log);
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
        assertThat(build.upToDate(false, "make")).isFalse();
        Files.writeString(root.resolve("generated/bindata.go"), "package generated // made by this build");
        build.recordSuccess();
        assertThat(build().upToDate(false, "make")).isTrue();
        assertThat(messages).anyMatch(message -> message.startsWith("Up to date"));
    }

    @Test
    void anEditToASourceWhileTheBuildRunsIsNotRecordedAsBuilt() throws IOException {
        UpToDateRecord build = build();
        assertThat(build.upToDate(false, "make")).isFalse();
        Files.writeString(root.resolve("Makefile"), "all: edited while building");
        build.recordSuccess();
        assertThat(messages).anyMatch(message -> message.contains("Not recording this build as up to date: Makefile changed while it ran"));
        assertThat(build().upToDate(false, "make")).isFalse();
    }

    @Test
    void aTrackedFileTheBuildRewritesWithTheSameContentDoesNotStopTheRecord() throws IOException {
        writesTree = true;
        Files.writeString(root.resolve("bindata.go"), "package main // generated");
        UpToDateRecord build = build();
        assertThat(build.upToDate(false, "make")).isFalse();
        Files.writeString(root.resolve("bindata.go"), "package main // generated");
        Files.setLastModifiedTime(root.resolve("bindata.go"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        build.recordSuccess();
        assertThat(build().upToDate(false, "make")).isTrue();
    }

    @Test
    void aTrackedFileRewrittenWithNewContentStopsTheRecord() throws IOException {
        writesTree = true;
        Files.writeString(root.resolve("bindata.go"), "package main // generated");
        UpToDateRecord build = build();
        build.upToDate(false, "make");
        Files.writeString(root.resolve("bindata.go"), "package main // generated anew, or edited meanwhile");
        build.recordSuccess();
        assertThat(build().upToDate(false, "make")).isFalse();
    }

    @Test
    void forceBuildsAndAFailedBuildLeavesNoRecord() {
        UpToDateRecord first = build();
        first.upToDate(false, "make");
        first.recordSuccess();
        assertThat(build().upToDate(true, "make")).as("kube.force").isFalse();
        assertThat(root.resolve("_output/kube-maven/build.stamp")).doesNotExist();
        assertThat(build().upToDate(false, "make")).as("the forced build never finished").isFalse();
    }
}
