package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.Attachment;
import io.github.kubemaven.builders.containers.BuildVolume;
import io.github.kubemaven.builders.containers.GoBuildCache;
import io.github.kubemaven.builders.containers.MakeEnvironment;
import io.github.kubemaven.builders.containers.RsyncContainer;
import io.github.kubemaven.builders.containers.Sessions;
import io.github.kubemaven.config.CacheSettings;
import io.github.kubemaven.config.SyncSettings;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.transport.RsyncDaemonFiles;
import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.kubemaven.builders.containers.Sessions.NAMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsyncPipelineBuilderTest {

    private static final List<String> MAKE = List.of("make", "WHAT=cmd/kubectl");
    private static final CacheSettings CACHES = new CacheSettings(CacheSettings.DEFAULT_GO_CACHE_BYTES, false);
    private static final SyncSettings SYNC = new SyncSettings(SyncSettings.SyncMode.RSYNC, null, 0, true, SyncSettings.RsyncTransport.PORT);

    @TempDir
    Path root;
    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final FakeRsync rsync = new FakeRsync();
    private final RecordingLog log = new RecordingLog();

    /** A tree whose make writes its generated code, as Kubernetes did up to 1.28. */
    @BeforeEach
    void tree() throws IOException {
        Files.writeString(root.resolve("Makefile"), """
                all: generated_files
                generated_files: pkg/apis/core/zz_generated.deepcopy.go
                pkg/apis/core/zz_generated.deepcopy.go: pkg/apis/core/types.go
                """);
    }

    @Test
    void committedGeneratedCodeIsMirroredAsASourceWhateverKeepGeneratedSays() throws IOException {
        Files.writeString(root.resolve("Makefile"), "all:\n\thack/make-rules/build.sh $(WHAT)\n");
        Files.createDirectories(root.resolve("pkg/apis/core"));
        Files.writeString(root.resolve("pkg/apis/core/zz_generated.deepcopy.go"), "package core\n");
        SyncSettings upstreamsWay = new SyncSettings(SyncSettings.SyncMode.RSYNC, null, 0, false, SyncSettings.RsyncTransport.PORT);
        try (RsyncPipelineBuilder builder = builder(upstreamsWay)) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers).containsExactly("in --delete");
        assertThat(rsync.transferFilters.get(0)).containsExactlyElementsOf(io.github.kubemaven.transport.RsyncFilters.syncInSources())
                .noneMatch(rule -> rule.contains("zz_generated"));
        assertThat(log.lines()).anyMatch(line -> line.contains("kube.keepGenerated=false changes nothing here"));
    }

    private RsyncPipelineBuilder builder() {
        return builder(SYNC);
    }

    private RsyncPipelineBuilder builder(SyncSettings sync) {
        return new RsyncPipelineBuilder(Sessions.on(engine, root, log), sync, CACHES, rsync::forPassword, new PhaseTimer(log));
    }

    /** The list of files the incremental sync-in of this tree's one data container sent. */
    private Path syncList() {
        return root.resolve("_output/kube-maven/sync-in-" + NAMES.dataContainer() + "@"
                + engine.inspectContainer(NAMES.dataContainer()).orElseThrow().id() + ".list");
    }

    private TreeSnapshot snapshot() {
        return TreeSnapshot.take(root, root.resolve("_output/dockerized/bin"));
    }

    @Test
    void aRunMakesTheDataContainerThenSyncsInRunsTheCommandAndCopiesOutAndLeavesOnlyTheDataContainer() {
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume().run(MAKE, snapshot(), true);
        }
        List<String> containerOperations = engine.operations.stream().filter(operation -> !operation.startsWith("createVolume")).toList();
        assertThat(containerOperations).containsExactly(
                "create " + NAMES.dataContainer(), "run " + NAMES.dataContainer(),
                "create " + NAMES.rsyncContainer(), "copy " + NAMES.rsyncContainer(), "start " + NAMES.rsyncContainer(),
                "create " + NAMES.buildContainer(), "run " + NAMES.buildContainer(), "remove " + NAMES.buildContainer(),
                "remove " + NAMES.rsyncContainer());
        assertThat(engine.operations.stream().filter(operation -> operation.startsWith("createVolume")))
                .hasSize(1 + BuildVolume.GO_PKG_CACHES.size() + 1)
                .contains("createVolume " + NAMES.goCacheVolume());
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(rsync.transfers).containsExactly("in --delete", "out --prune-empty-dirs --compare-dest=" + root);
        assertThat(rsync.passwords).hasSize(1);
        assertThat(root.resolve("_output/kube-maven/built-state.properties")).exists();
    }

    @Test
    void aBuildUsesTheSharedGoBuildCacheAndKeepsItBounded() {
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume().run(MAKE, snapshot(), true);
        }
        assertThat(engine.execs).anyMatch(exec -> exec.startsWith("rsync: sh -c") && exec.contains(GoBuildCache.PATH));
        assertThat(BuiltState.read(BuiltState.fileOf(root)).orElseThrow().goCache()).isEqualTo("shared:" + NAMES.goCacheVolume());
    }

    @Test
    void aReleaseBuildCompilesWithAFreshGoBuildCacheAndTheImagesOwnStandardLibrary() {
        try (RsyncPipelineBuilder builder = new RsyncPipelineBuilder(Sessions.forRelease(engine, root, log), SYNC, CACHES, rsync::forPassword,
                new PhaseTimer(log))) {
            builder.prepareVolume().run(MAKE, snapshot(), true);
        }
        String fresh = NAMES.freshGoCacheVolume();
        ContainerSpec build = engine.specs(NAMES.buildContainer()).get(0);
        assertThat(build.volumesFrom()).isEmpty();
        assertThat(build.volumeMounts()).containsOnly(Map.entry(NAMES.dataVolume("src"), MakeEnvironment.REMOTE_ROOT),
                Map.entry(fresh, GoBuildCache.PATH));
        assertThat(engine.specs(fresh + "-owner").get(0).command()).containsExactly("chown", "1000:1000", "/cache");
        assertThat(engine.operations).containsSubsequence("createVolume " + fresh, "run " + fresh + "-owner", "run " + NAMES.buildContainer(),
                "remove " + NAMES.buildContainer(), "removeVolume " + fresh);
        assertThat(engine.volumes).doesNotContainKey(fresh).containsKey(NAMES.goCacheVolume());
        assertThat(engine.execs).noneMatch(exec -> exec.contains(GoBuildCache.PATH));
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(BuiltState.read(BuiltState.fileOf(root)).orElseThrow().goCache()).isEqualTo(BuiltState.FRESH_GO_CACHE);
    }

    @Test
    void aReleaseBuildIsNotUpToDateBecauseABuildWithTheSharedCacheRan() {
        try (RsyncPipelineBuilder shared = builder();
             RsyncPipelineBuilder release = new RsyncPipelineBuilder(Sessions.forRelease(engine, root, log), SYNC, CACHES,
                     rsync::forPassword, new PhaseTimer(log))) {
            assertThat(release.recordKey(MAKE)).isNotEqualTo(shared.recordKey(MAKE));
        }
    }

    @Test
    void theBuildContainerMountsTheDataContainersVolumesAndRunsAsTheUser() {
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume().run(MAKE, snapshot(), false);
        }
        ContainerSpec build = engine.specs(NAMES.buildContainer()).get(0);
        assertThat(build.volumesFrom()).containsExactly(NAMES.dataContainer());
        assertThat(build.bindMounts()).isEmpty();
        assertThat(build.user()).isEqualTo("1000:1000");
        assertThat(build.command()).endsWith(MAKE.toArray(String[]::new));
        assertThat(build.leased()).isTrue();
        ContainerSpec daemon = engine.specs(NAMES.rsyncContainer()).get(0);
        assertThat(daemon.publishHostIp()).isEqualTo("127.0.0.1");
        assertThat(daemon.command()).endsWith(RsyncDaemonFiles.containerCommand(false).toArray(String[]::new));
        assertThat(daemon.leased()).isTrue();
        assertThat(rsync.transfers).containsExactly("in --delete");
    }

    @Test
    void onARootlessEngineEveryContainerRunsAsItsRootWhichIsTheUserWhoStartedIt() {
        engine.rootless = true;
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume().run(MAKE, snapshot(), false);
        }
        assertThat(engine.specs(NAMES.buildContainer()).get(0).user()).isEqualTo("0:0");
        assertThat(engine.specs(NAMES.rsyncContainer()).get(0).user()).isEqualTo("0:0");
        assertThat(engine.specs(NAMES.dataContainer()).get(0).command()).startsWith("chown", "0:0");
    }

    @Test
    void overTheEngineApiTheRsyncContainerPublishesNothingAndTheClientTalksToALoopbackTunnel() {
        List<String> addresses = new java.util.concurrent.CopyOnWriteArrayList<>();
        FakeRsync recording = new FakeRsync() {
            @Override
            public boolean answers(Path directory, String address) {
                addresses.add(address);
                return true;
            }
        };
        SyncSettings overApi = new SyncSettings(SyncSettings.SyncMode.RSYNC, null, 0, true, SyncSettings.RsyncTransport.API);
        try (RsyncPipelineBuilder builder = new RsyncPipelineBuilder(Sessions.on(engine, root, log), overApi, CACHES, recording::forPassword,
                new PhaseTimer(log))) {
            builder.prepareVolume().run(MAKE, snapshot(), true);
        }
        ContainerSpec daemon = engine.specs(NAMES.rsyncContainer()).get(0);
        assertThat(daemon.publishedPort()).isNull();
        assertThat(daemon.command()).endsWith(RsyncDaemonFiles.containerCommand(true).toArray(String[]::new));
        assertThat(addresses).singleElement().asString().startsWith("127.0.0.1:");
        assertThat(recording.transfers).containsExactly("in --delete", "out --prune-empty-dirs --compare-dest=" + root);
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
    }

    @Test
    void aDataContainerThatEndedBadlyIsMadeAnewWithFreshVolumes() {
        ContainerSpec old = ContainerSpec.builder(NAMES.dataContainer(), NAMES.image()).labels(NAMES.labels("data")).build();
        engine.existing(old, false, 1);
        engine.createVolume(NAMES.dataVolume("src"), NAMES.labels("volume"));
        engine.operations.clear();
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume();
        }
        assertThat(engine.operations).startsWith("remove " + NAMES.dataContainer(), "createVolume " + NAMES.goCacheVolume(),
                "removeVolume " + NAMES.dataVolume("src"));
        assertThat(engine.operations).contains("createVolume " + NAMES.dataVolume("src"), "create " + NAMES.dataContainer());
        assertThat(log.lines()).contains("Data container " + NAMES.dataContainer() + " did not end cleanly; making it anew");
    }

    @Test
    void aDataContainerThatEndedCleanlyIsReusedAndItsVolumesKept() {
        ContainerSpec old = ContainerSpec.builder(NAMES.dataContainer(), NAMES.image()).labels(NAMES.labels("data")).build();
        engine.existing(old, false, 0);
        engine.createVolume(NAMES.dataVolume("src"), NAMES.labels("volume"));
        engine.operations.clear();
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume().run(MAKE, snapshot(), false);
        }
        assertThat(engine.operations).doesNotContain("create " + NAMES.dataContainer(), "removeVolume " + NAMES.dataVolume("src"));
        assertThat(rsync.transfers).containsExactly("list", "in --delete");
    }

    @Test
    void aDataContainerThatCannotPrepareItsVolumesFailsWithItsOutputAndIsMadeAnewNextTime() {
        engine.exitCodes.put("data", 1);
        engine.outputs.put("data", "chown: cannot access '/usr/local/go/pkg/': No such file or directory\n");
        try (RsyncPipelineBuilder builder = builder()) {
            assertThatThrownBy(builder::prepareVolume).isInstanceOf(KubeBuildException.class)
                    .hasMessageContaining("could not prepare its volumes (exit code 1): chown: cannot access");
        }
        engine.exitCodes.clear();
        engine.operations.clear();
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume();
        }
        assertThat(engine.operations).startsWith("remove " + NAMES.dataContainer());
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
    }

    @Test
    void whenTheRsyncContainerCannotStartHalfWayItIsRemovedAndNoBuildContainerStarts() {
        engine.failing.add("copy rsync");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume();
            assertThatThrownBy(() -> builder.run(MAKE, snapshot(), true)).isInstanceOf(KubeBuildException.class)
                    .hasMessageContaining("The rsync container " + NAMES.rsyncContainer() + " could not start");
        }
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(engine.operations).doesNotContain("create " + NAMES.buildContainer());
        assertThat(rsync.transfers).isEmpty();
    }

    @Test
    void whenTheBuildContainerCannotBeMadeTheRsyncContainerGoesToo() {
        engine.failing.add("create build");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume();
            assertThatThrownBy(() -> builder.run(MAKE, snapshot(), true)).hasMessageContaining("create of the build container failed");
        }
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(rsync.transfers).containsExactly("in --delete");
    }

    @Test
    void aFailingCommandFailsWithItsLastLinesRemovesItsContainersAndLeavesTheVolumeSettled() throws IOException {
        engine.exitCodes.put("build", 2);
        engine.outputs.put("build", "compiling\nerror: undefined: foo\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume();
            assertThatThrownBy(() -> builder.run(MAKE, snapshot(), true))
                    .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(2);
                        assertThat(e.lastLines()).containsExactly("compiling", "error: undefined: foo");
                        assertThat(e.hint()).contains("mvn kube:shell");
                    });
        }
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(rsync.transfers).containsExactly("in --delete");
        try (var records = Files.list(root.resolve("_output/kube-maven"))) {
            assertThat(records.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".writing"))
                    .anyMatch(name -> name.startsWith("sent-" + NAMES.dataContainer() + "@"));
        }
        assertThat(root.resolve("_output/kube-maven/built-state.properties")).doesNotExist();
    }

    @Test
    void copyOutputNeedsADataContainerFromAnEarlierRun() {
        try (RsyncPipelineBuilder builder = builder()) {
            assertThatThrownBy(builder::copyOutput).isInstanceOf(KubeBuildException.class)
                    .hasMessage("There is no build output to copy: this tree has no data container yet.");
        }
        assertThat(engine.containerNames()).isEmpty();
    }

    @Test
    void aShellSyncsTheTreeInThenRunsWithTheRsyncContainerGone() {
        try (RsyncPipelineBuilder builder = builder()) {
            builder.prepareVolume().shell(List.of("bash", "-c", "true"), Attachment.LOG_ONLY);
        }
        int rsyncRemoved = engine.operations.indexOf("remove " + NAMES.rsyncContainer());
        int shellCreated = engine.operations.indexOf("create " + NAMES.buildContainer());
        assertThat(rsyncRemoved).isPositive().isLessThan(shellCreated);
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
    }

    @Test
    void unlessOneIsAskedForTheTransportFollowsWhereTheEngineIs() {
        SyncSettings unset = new SyncSettings(SyncSettings.SyncMode.RSYNC, null, 0, true, null);
        try (RsyncPipelineBuilder builder = builder(unset)) {
            builder.prepareVolume().run(MAKE, snapshot(), false);
        }
        engine.onThisMachine = false;
        try (RsyncPipelineBuilder builder = builder(unset)) {
            builder.run(MAKE, snapshot(), false);
        }
        List<ContainerSpec> daemons = engine.specs(NAMES.rsyncContainer());
        assertThat(daemons.get(0).publishedPort()).isEqualTo(RsyncContainer.DAEMON_PORT);
        assertThat(daemons.get(0).command()).endsWith(RsyncDaemonFiles.containerCommand(false).toArray(String[]::new));
        assertThat(daemons.get(1).publishedPort()).isNull();
        assertThat(daemons.get(1).command()).endsWith(RsyncDaemonFiles.containerCommand(true).toArray(String[]::new));
    }

    /** The regular files of a tar archive, by name. */
    private static List<String> archivedFiles(byte[] archive) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new java.io.ByteArrayInputStream(archive))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && !entry.getName().endsWith("version-defs")) {
                    names.add(entry.getName());
                }
            }
        }
        return names;
    }

    @Test
    void afterABuildOnlyTheFilesThatChangedGoInUntilAnotherCommandRanOrAFileLeft() throws IOException {
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main\n");
        Files.writeString(root.resolve("cmd/kubectl/doomed.go"), "package main\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main // edited\n");
        Files.writeString(root.resolve("cmd/kubectl/new.go"), "package main\n");
        engine.operations.clear();
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers).as("a small change goes through the engine").containsExactly("in --delete");
        assertThat(engine.operations.indexOf("copy " + NAMES.dataContainer())).isNotNegative()
                .isLessThan(engine.operations.indexOf("run " + NAMES.buildContainer()));
        assertThat(archivedFiles(engine.copiedInto(NAMES.dataContainer()).get(0))).containsExactly(
                "go/src/k8s.io/kubernetes/cmd/kubectl/kubectl.go", "go/src/k8s.io/kubernetes/cmd/kubectl/new.go");
        assertThat(engine.containerNames()).as("the rsync container started beside make and is gone again")
                .doesNotContain(NAMES.rsyncContainer());

        Files.createDirectories(root.resolve("cmd/kubectl/sub"));
        Files.writeString(root.resolve("cmd/kubectl/sub/sub.go"), "package sub\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers).as("a new folder goes by rsync").containsExactly("in --delete",
                "in --files-from=" + syncList() + " --from0");
        assertThat(Files.readString(syncList()).split("\0"))
                .containsExactly("cmd/kubectl/sub", "cmd/kubectl/sub/sub.go", "_output/kube-maven/version-defs");

        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(List.of("hack/update-codegen.sh"), snapshot(), false);
        }
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers.get(rsync.transfers.size() - 1)).as("after a command that may write sources").isEqualTo("in --delete");

        Files.delete(root.resolve("cmd/kubectl/doomed.go"));
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers.subList(rsync.transfers.size() - 2, rsync.transfers.size()))
                .as("a file left the tree: the full sync, which lists orphans first").containsExactly("list", "in --delete");
    }

    @Test
    void aGeneratedFileGitIgnoresIsNeverSentInWhateverTheWay() throws IOException {
        String openapi = "pkg/generated/openapi/zz_generated.openapi.go";
        io.github.kubemaven.ground.HostProcess.of("git", "init", "-q").in(root).capture();
        Files.writeString(root.resolve(".gitignore"), "zz_generated.openapi.go\n");
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Files.createDirectories(root.resolve("pkg/generated/openapi"));
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main\n");
        Files.writeString(root.resolve(openapi), "package openapi // this branch\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transferFilters.get(0)).contains("H /" + openapi);

        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main // edited\n");
        Files.writeString(root.resolve(openapi), "package openapi // another branch's build wrote this\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(archivedFiles(engine.copiedInto(NAMES.dataContainer()).get(0))).containsExactly("go/src/k8s.io/kubernetes/cmd/kubectl/kubectl.go");

        Files.writeString(root.resolve(openapi), "package openapi // yet another branch's build wrote this one\n");
        Files.writeString(root.resolve("cmd/kubectl/new.go"), "package main\n");
        engine.copiesIntoVolumes = false;
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers).containsExactly("in --delete", "in --files-from=" + syncList() + " --from0");
        assertThat(Files.readString(syncList()).split("\0")).containsExactly("cmd/kubectl/new.go", "_output/kube-maven/version-defs");
    }

    @Test
    void aChangedFileWhoseNameIsNoUtf8GoesInByRsyncUnderItsOwnBytes() throws Exception {
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        Process shell = new ProcessBuilder("sh", "-c", "printf 'package main' > \"$(printf 'cmd/kubectl/odd\\377.go')\"")
                .directory(root.toFile()).inheritIO().start();
        assertThat(shell.waitFor()).isZero();

        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }

        assertThat(rsync.transfers).containsExactly("in --delete", "in --files-from=" + syncList() + " --from0");
        byte[] odd = {'c', 'm', 'd', '/', 'k', 'u', 'b', 'e', 'c', 't', 'l', '/', 'o', 'd', 'd', (byte) 0xff, '.', 'g', 'o', 0};
        byte[] list = Files.readAllBytes(syncList());
        assertThat(java.util.Arrays.copyOf(list, odd.length)).isEqualTo(odd);
    }

    @Test
    void anEngineThatUnpacksArchivesBeneathTheVolumesGetsTheChangesByRsync() throws IOException {
        engine.copiesIntoVolumes = false;
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main // edited\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers).containsExactly("in --delete", "in --files-from=" + syncList() + " --from0");
        assertThat(engine.copiedInto(NAMES.dataContainer())).isEmpty();
    }

    @Test
    void anEngineElsewhereGetsTheChangesByRsyncSoThatTheirTimesComeFromItsClock() throws IOException {
        SyncSettings overApi = new SyncSettings(SyncSettings.SyncMode.RSYNC, null, 0, true, SyncSettings.RsyncTransport.API);
        engine.onThisMachine = false;
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main\n");
        try (RsyncPipelineBuilder builder = builder(overApi)) {
            builder.run(MAKE, snapshot(), false);
        }
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main // edited\n");
        try (RsyncPipelineBuilder builder = builder(overApi)) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers).containsExactly("in --delete", "in --files-from=" + syncList() + " --from0");
        assertThat(engine.copiedInto(NAMES.dataContainer())).isEmpty();
    }

    @Test
    void onTheEnginePathAFailingCommandOrAnRsyncContainerThatCannotStartLeavesOnlyTheDataContainer() throws IOException {
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main\n");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }

        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main // edited\n");
        engine.exitCodes.put("build", 2);
        try (RsyncPipelineBuilder builder = builder()) {
            assertThatThrownBy(() -> builder.run(MAKE, snapshot(), true)).isInstanceOf(CommandFailedException.class);
        }
        assertThat(engine.copiedInto(NAMES.dataContainer())).as("the edit went through the engine").hasSize(1);
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());

        engine.exitCodes.remove("build");
        try (RsyncPipelineBuilder builder = builder()) {
            builder.run(MAKE, snapshot(), false);
        }
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main // edited again\n");
        engine.failing.add("create rsync");
        engine.operations.clear();
        try (RsyncPipelineBuilder builder = builder()) {
            assertThatThrownBy(() -> builder.run(MAKE, snapshot(), true)).isInstanceOf(KubeBuildException.class)
                    .hasMessageContaining("The rsync container " + NAMES.rsyncContainer() + " could not start");
        }
        assertThat(engine.operations).as("make ran beside the rsync container's start").contains("copy " + NAMES.dataContainer(),
                "run " + NAMES.buildContainer());
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
    }

    @Test
    void aDataContainerOfTheSameNameOnAnotherEngineGetsTheWholeTreeNotTheChangesSinceThisEnginesSync() throws IOException {
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Files.writeString(root.resolve("cmd/kubectl/kubectl.go"), "package main\n");
        for (int run = 0; run < 2; run++) {
            try (RsyncPipelineBuilder builder = builder()) {
                builder.run(MAKE, snapshot(), false);
            }
        }
        assertThat(rsync.transfers).containsExactly("in --delete");
        assertThat(engine.copiedInto(NAMES.dataContainer())).as("the version stamp went through the engine").hasSize(1);

        FakeDockerEngine elsewhere = new FakeDockerEngine("elsewhere-");
        elsewhere.existing(ContainerSpec.builder(NAMES.dataContainer(), NAMES.image()).labels(NAMES.labels("data")).build(), false, 0);
        elsewhere.createVolume(NAMES.dataVolume("src"), NAMES.labels("volume"));
        rsync.transfers.clear();
        try (RsyncPipelineBuilder builder = new RsyncPipelineBuilder(Sessions.on(elsewhere, root, log), SYNC, CACHES,
                rsync::forPassword, new PhaseTimer(log))) {
            builder.run(MAKE, snapshot(), false);
        }
        assertThat(rsync.transfers).as("its volume holds whatever that engine was sent last").containsExactly("list", "in --delete");
    }

    @Test
    void onlyAMakeThatBuildsLeavesTheSourcesAsSent() {
        assertThat(RsyncPipelineBuilder.writesNoSource(MAKE)).isTrue();
        assertThat(RsyncPipelineBuilder.writesNoSource(List.of("make", "test", "WHAT=./pkg/..."))).isFalse();
        assertThat(RsyncPipelineBuilder.writesNoSource(List.of("bash", "-c", "make"))).isFalse();
        assertThat(RsyncPipelineBuilder.writesNoSource(List.of())).isFalse();
        assertThat(RsyncPipelineBuilder.writesNoSource(List.of("make", "all", "cross", "KUBE_BUILD_PLATFORMS=linux/arm64"))).isTrue();
        assertThat(RsyncPipelineBuilder.writesNoSource(List.of("make", "update"))).as("rewrites sources").isFalse();
        assertThat(RsyncPipelineBuilder.writesNoSource(List.of("make", "WHAT=cmd/kubectl", "verify"))).isFalse();
        assertThat(RsyncPipelineBuilder.writesNoSource(List.of("make", "-f", "evil.mk"))).as("another Makefile").isFalse();
    }

    @Test
    void onlyAMakeWhoseTargetsDependOnGeneratedFilesMakesThemFirst() {
        assertThat(RsyncPipelineBuilder.makesGeneratedFilesFirst(MAKE)).isTrue();
        assertThat(RsyncPipelineBuilder.makesGeneratedFilesFirst(List.of("make", "test", "WHAT=./pkg/..."))).isTrue();
        assertThat(RsyncPipelineBuilder.makesGeneratedFilesFirst(List.of("make", "cross"))).as("1.20's cross does not").isFalse();
        assertThat(RsyncPipelineBuilder.makesGeneratedFilesFirst(List.of("make", "all", "ginkgo"))).isFalse();
        assertThat(RsyncPipelineBuilder.makesGeneratedFilesFirst(List.of("hack/make-rules/build.sh", "test/e2e/e2e.test"))).isFalse();
        assertThat(RsyncPipelineBuilder.makesGeneratedFilesFirst(List.of("bash", "-c", "make"))).isFalse();
        assertThat(RsyncPipelineBuilder.makesGeneratedFilesFirst(List.of("make", "-f", "evil.mk"))).isFalse();
        assertThat(RsyncPipelineBuilder.makesGeneratedFilesFirst(List.of())).isFalse();
    }
}
