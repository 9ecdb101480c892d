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

/** The filters, applied by the real rsync between two local folders. */
class RsyncFiltersTest {

    @TempDir
    Path host;
    @TempDir
    Path container;

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void rsync(List<String> filters, List<String> flags, String source, String destination) {
        List<String> archive = new ArrayList<>(List.of("--archive"));
        archive.addAll(flags);
        rsyncRaw(archive, filters, source, destination);
    }

    @Test
    void syncInSendsSourcesButNotGitOrOutputAndRemovesStaleGeneratedFiles() throws IOException {
        write(host, "cmd/kubectl/main.go", "package main");
        write(host, ".git/HEAD", "ref: refs/heads/main");
        write(host, "_output/dockerized/bin/kubectl", "old binary");
        write(host, ".make/stamp", "x");
        write(host, "_tmp/scratch", "x");
        write(host, "pkg/apis/core/zz_generated.deepcopy.go", "host copy");
        write(container, "_output/dockerized/go/cache/entry", "cache");
        write(container, "pkg/apis/core/zz_generated.deepcopy.go", "stale");
        write(container, "pkg/removed.go", "deleted on the host");

        rsync(RsyncFilters.syncIn(false), List.of("--delete"), host + "/", container + "/");

        assertThat(container.resolve("cmd/kubectl/main.go")).hasContent("package main");
        assertThat(container.resolve(".git")).doesNotExist();
        assertThat(container.resolve(".make")).doesNotExist();
        assertThat(container.resolve("_tmp")).doesNotExist();
        assertThat(container.resolve("_output/dockerized/bin")).doesNotExist();
        assertThat(container.resolve("_output/dockerized/go/cache/entry")).as("the build cache survives").exists();
        assertThat(container.resolve("pkg/apis/core/zz_generated.deepcopy.go")).as("generated files are made anew").doesNotExist();
        assertThat(container.resolve("pkg/removed.go")).doesNotExist();
    }

    @Test
    void keepingGeneratedFilesMirrorsTheTreeAndKeepsTheContainersOwn() throws IOException {
        write(host, "pkg/apis/core/types.go", "package core");
        write(host, "pkg/apis/core/zz_generated.deepcopy.go", "the tree's copy");
        write(container, "pkg/apis/core/zz_generated.deepcopy.go", "made in the container from an older types.go");
        write(container, "pkg/other/zz_generated.conversion.go", "made in the container, not in the tree");
        write(container, ".make/stamp", "make state");

        rsync(RsyncFilters.syncIn(true), List.of("--delete"), host + "/", container + "/");

        assertThat(container.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("the tree's copy");
        assertThat(container.resolve("pkg/apis/core/types.go")).hasContent("package core");
        assertThat(container.resolve("pkg/other/zz_generated.conversion.go")).as("protected").hasContent("made in the container, not in the tree");
        assertThat(container.resolve(".make/stamp")).as("make's own state stays").hasContent("make state");
    }

    @Test
    void aGeneratedFileGitIgnoresStaysAsTheVolumeMadeIt() throws IOException {
        write(host, "pkg/generated/openapi/zz_generated.openapi.go", "another branch's openapi, written by its copy-out");
        write(host, "pkg/apis/core/zz_generated.deepcopy.go", "the tree's deepcopy");
        write(container, "pkg/generated/openapi/zz_generated.openapi.go", "this volume's openapi");

        rsync(RsyncFilters.syncIn(true, List.of(), List.of("pkg/generated/openapi/zz_generated.openapi.go"), List.of()), List.of("--delete"),
                host + "/", container + "/");

        assertThat(container.resolve("pkg/generated/openapi/zz_generated.openapi.go")).hasContent("this volume's openapi");
        assertThat(container.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("the tree's deepcopy");
    }

    @Test
    void aFileMakeRemakesOnEveryRunStaysInTheVolumeWhenTheTreeLacksIt() throws IOException {
        write(host, "test/e2e/generated/main.go", "package generated");
        write(host, "staging/src/k8s.io/kubectl/pkg/generated/bindata.go", "the tree's translations");
        write(container, "test/e2e/generated/bindata.go", "what make wrote in the volume");
        write(container, "staging/src/k8s.io/kubectl/pkg/generated/bindata.go", "older translations");
        write(container, "test/e2e/generated/other.go", "gone from the tree");
        List<String> remade = List.of("test/e2e/generated/bindata.go", "staging/src/k8s.io/kubectl/pkg/generated/bindata.go");

        rsync(RsyncFilters.syncIn(true, List.of(), List.of(), remade), List.of("--delete"), host + "/", container + "/");

        assertThat(container.resolve("test/e2e/generated/bindata.go")).hasContent("what make wrote in the volume");
        assertThat(container.resolve("staging/src/k8s.io/kubectl/pkg/generated/bindata.go")).hasContent("the tree's translations");
        assertThat(container.resolve("test/e2e/generated/other.go")).doesNotExist();

        rsync(RsyncFilters.syncIn(true), List.of("--delete"), host + "/", container + "/");
        assertThat(container.resolve("test/e2e/generated/bindata.go")).as("without the rule it goes").doesNotExist();
    }

    @Test
    void aFileMakeRemakesStaysWhenTheTreeLacksItsFolderToo() throws IOException {
        write(host, "test/e2e/e2e.go", "package e2e");
        write(container, "test/e2e/generated/bindata.go", "what make wrote in the volume");
        write(container, "test/e2e/generated/left.go", "gone from the tree");

        rsync(RsyncFilters.syncIn(true, List.of(), List.of(), List.of("test/e2e/generated/bindata.go")), List.of("--delete"),
                host + "/", container + "/");

        assertThat(container.resolve("test/e2e/generated/bindata.go")).hasContent("what make wrote in the volume");
        assertThat(container.resolve("test/e2e/generated/left.go")).doesNotExist();
    }

    @Test
    void syncingByContentGivesChangedFilesANewTimeEvenWhenTheSenderCopyIsOlder() throws IOException {
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.fromMillis(978307200000L);
        java.nio.file.attribute.FileTime lastHour = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        write(host, "pkg/apis/core/types.go", "package core // restored from an old copy");
        Files.setLastModifiedTime(host.resolve("pkg/apis/core/types.go"), longAgo);
        write(host, "pkg/apis/core/doc.go", "package core");
        write(container, "pkg/apis/core/types.go", "package core");
        Files.setLastModifiedTime(container.resolve("pkg/apis/core/types.go"), lastHour);
        write(container, "pkg/apis/core/doc.go", "package core");
        Files.setLastModifiedTime(container.resolve("pkg/apis/core/doc.go"), lastHour);
        write(container, "pkg/apis/core/zz_generated.deepcopy.go", "made from the earlier types.go");
        Files.setLastModifiedTime(container.resolve("pkg/apis/core/zz_generated.deepcopy.go"), lastHour);

        List<String> flags = new ArrayList<>(HostRsync.ARCHIVE_BY_CONTENT);
        flags.add("--delete");
        rsyncRaw(flags, RsyncFilters.syncIn(true), host + "/", container + "/");

        assertThat(container.resolve("pkg/apis/core/types.go")).hasContent("package core // restored from an old copy");
        assertThat(Files.getLastModifiedTime(container.resolve("pkg/apis/core/types.go")))
                .as("newer than the generated file, so make makes it again")
                .isGreaterThan(Files.getLastModifiedTime(container.resolve("pkg/apis/core/zz_generated.deepcopy.go")));
        assertThat(Files.getLastModifiedTime(container.resolve("pkg/apis/core/doc.go"))).as("unchanged files keep their time").isEqualTo(lastHour);
    }

    private static void rsyncRaw(List<String> flags, List<String> filters, String source, String destination) {
        List<String> command = new ArrayList<>(List.of("rsync"));
        command.addAll(flags);
        filters.forEach(filter -> command.add("--filter=" + filter));
        command.add(source);
        command.add(destination);
        HostProcess.Result result = HostProcess.of(command).capture();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @Test
    void copyOutBringsBinariesAndGeneratedFilesOnly() throws IOException {
        write(container, "_output/dockerized/bin/linux/amd64/kubectl", "binary");
        write(container, "_output/dockerized/go/cache/entry", "cache");
        write(container, "pkg/apis/core/zz_generated.deepcopy.go", "generated");
        write(container, "pkg/apis/core/types.go", "types");
        write(container, "pkg/api/generated.pb.go", "pb");
        write(container, "cmd/kubectl/main.go", "container copy of a source");
        write(container, "_temp/x.go", "temp");
        write(container, ".make/go-pkgdeps.mk", "make's state");
        write(container, "_output/dockerized/go/src/k8s.io/zz_generated.deepcopy.go", "a Go cache's copy");
        write(host, "cmd/kubectl/main.go", "the user's source");
        write(host, "notes.txt", "the user's file");

        rsync(RsyncFilters.copyOut(List.of()), List.of("--prune-empty-dirs"), container + "/", host.toString());

        assertThat(host.resolve("_output/dockerized/bin/linux/amd64/kubectl")).hasContent("binary");
        assertThat(host.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("generated");
        assertThat(host.resolve("pkg/apis/core/types.go")).hasContent("types");
        assertThat(host.resolve("pkg/api/generated.pb.go")).hasContent("pb");
        assertThat(host.resolve("cmd/kubectl/main.go")).hasContent("the user's source");
        assertThat(host.resolve("notes.txt")).hasContent("the user's file");
        assertThat(host.resolve("_output/dockerized/go")).doesNotExist();
        assertThat(host.resolve("_temp")).doesNotExist();
        assertThat(host.resolve(".make")).doesNotExist();
    }

    @Test
    void anEnginesShareBringsBackOnlyItsOwnPlatformsBinaries() throws IOException {
        write(container, "_output/dockerized/bin/linux/amd64/kubectl", "built now");
        write(container, "_output/dockerized/bin/linux/arm64/kubectl", "kept from a share built before");
        write(container, "_output/dockerized/bin/linux/s390x/kubectl", "built now too");
        write(container, "pkg/apis/core/zz_generated.deepcopy.go", "generated");
        write(host, "_output/dockerized/bin/linux/arm64/kubectl", "another engine's, built now");

        rsync(RsyncFilters.copyOut(List.of("linux/amd64", "linux/s390x")), List.of("--prune-empty-dirs"), container + "/", host.toString());

        assertThat(host.resolve("_output/dockerized/bin/linux/amd64/kubectl")).hasContent("built now");
        assertThat(host.resolve("_output/dockerized/bin/linux/s390x/kubectl")).hasContent("built now too");
        assertThat(host.resolve("_output/dockerized/bin/linux/arm64/kubectl")).hasContent("another engine's, built now");
        assertThat(host.resolve("pkg/apis/core/zz_generated.deepcopy.go")).hasContent("generated");
    }
}
