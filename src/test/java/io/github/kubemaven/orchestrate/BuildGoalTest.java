package io.github.kubemaven.orchestrate;

import io.github.kubemaven.naming.BuildNames;

import io.github.kubemaven.stamp.StampFiles;
import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.ProxySettings;
import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.config.UserProperty;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.EngineGlance;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.RecordingLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Goals on the example tree, with a fake engine behind them. */
class BuildGoalTest {

    private static final Path FIXTURE = Path.of("src/it/fixture-tree");
    private static final List<String> MAKE = List.of("make", "WHAT=cmd/kubectl");

    @TempDir
    Path root;
    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void exampleTree() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path source : files.toList()) {
                Path target = root.resolve(FIXTURE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-qm", "example");
        String crossTag = Files.readString(root.resolve("build/build-image/cross/VERSION")).strip();
        engine.images.put("kube-maven-plugin/kube-cross:" + crossTag, new ImageInfo("sha256:cross", Map.of()));
    }

    private void git(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        assertThat(HostProcess.of(command).in(root).capture().exitCode()).isZero();
    }

    private Workspace workspace(RawParameters raw) {
        return new Workspace(settings(raw), log, address -> engine, new HostIdentity("builder", "1000", "1000"));
    }

    private BuildSettings settings(RawParameters raw) {
        return new SettingsResolver(raw.with(UserProperty.ROOT, root)).resolve(root, false, ProxySettings.NONE, false, null, host -> null);
    }

    /** A workspace that glances at the fake engine as {@code UnixSocketGlance} does at a real one, counting connections. */
    private Workspace glancingWorkspace(RawParameters raw, List<String> connections) {
        EngineGlance glance = new EngineGlance() {
            @Override
            public Optional<ImageInfo> inspectImage(String reference) {
                return engine.inspectImage(reference);
            }

            @Override
            public Optional<List<Map<String, String>>> containerLabels(Map<String, String> labels) {
                return Optional.of(engine.listContainers(labels).stream().map(ContainerState::labels).toList());
            }

            @Override
            public String endpoint() {
                return engine.endpoint();
            }
        };
        return new Workspace(settings(raw), log, address -> {
            connections.add("connect");
            return engine;
        }, new HostIdentity("builder", "1000", "1000"), address -> Optional.of(glance));
    }

    @Test
    void anUnchangedTreeIsSkippedWithoutConnectingTheEngineClient() {
        List<String> connections = new ArrayList<>();
        Workspace workspace = glancingWorkspace(new RawParameters(Map.<String, String>of()::get).with(UserProperty.SYNC, "bind"), connections);
        new BuildGoal(workspace).run(MAKE, true, true);
        assertThat(connections).hasSize(1);
        engine.operations.clear();
        log.lines().clear();

        new BuildGoal(workspace).run(MAKE, true, true);
        assertThat(connections).hasSize(1);
        assertThat(engine.operations).isEmpty();
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Up to date: nothing changed since the last successful 'make WHAT=cmd/kubectl'"));
        assertThat(root.resolve("_output/kube-maven/built-state.properties")).exists();
    }

    @Test
    void anotherCrossImageUnderTheSameTagIsNoSkip() {
        List<String> connections = new ArrayList<>();
        Workspace workspace = glancingWorkspace(new RawParameters(Map.<String, String>of()::get).with(UserProperty.SYNC, "bind"), connections);
        new BuildGoal(workspace).run(MAKE, true, true);
        engine.images.replaceAll((reference, image) -> reference.startsWith("kube-maven-plugin/kube-cross:")
                ? new ImageInfo("sha256:another-cross", Map.of()) : image);
        log.lines().clear();

        new BuildGoal(workspace).run(MAKE, true, true);
        assertThat(connections).hasSize(2);
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Building because the build image changed"));
        assertThat(log.lines()).as("the quick check's version stamp serves the build").filteredOn(line -> line.startsWith("Version: ")).hasSize(1);
        assertThat(engine.built).hasSize(2);
    }

    @Test
    void aContainerLeftByADeadRunSendsTheRunToTheFullCheckWhichRemovesIt() {
        List<String> connections = new ArrayList<>();
        Workspace workspace = glancingWorkspace(new RawParameters(Map.<String, String>of()::get).with(UserProperty.SYNC, "bind"), connections);
        new BuildGoal(workspace).run(MAKE, true, true);
        ContainerSpec build = engine.specs(engine.created.keySet().iterator().next()).get(0);
        engine.existing(build, true, 0);
        log.lines().clear();

        new BuildGoal(workspace).run(MAKE, true, true);
        assertThat(connections).hasSize(2);
        assertThat(log.lines()).anyMatch(line -> line.contains("left by an earlier run that did not end"));
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Up to date: nothing changed"));
        assertThat(engine.containerNames()).isEmpty();
    }

    @Test
    void aBindBuildMakesTheImageRunsOneContainerAndIsSkippedTheSecondTime() {
        Workspace workspace = workspace(new RawParameters(Map.<String, String>of()::get).with(UserProperty.SYNC, "bind"));
        new BuildGoal(workspace).run(MAKE, true, true);
        assertThat(engine.built).hasSize(1);
        assertThat(engine.operations).filteredOn(operation -> operation.startsWith("create ")).hasSize(1);
        assertThat(engine.containerNames()).isEmpty();
        engine.operations.clear();

        new BuildGoal(workspace).run(MAKE, true, true);
        assertThat(engine.operations).isEmpty();
        assertThat(engine.built).hasSize(1);
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Up to date: nothing changed since the last successful 'make WHAT=cmd/kubectl'"));
        assertThat(log.lines()).filteredOn(line -> line.startsWith("Phase image: ")).hasSize(2);
        assertThat(log.lines()).filteredOn(line -> line.startsWith("Phase up-to-date check: ")).hasSize(2);
        assertThat(StampFiles.of(root, "bind")).hasSize(1);
        assertThat(root.resolve("_output/.kube-maven.lock")).exists();
    }

    @Test
    void aPlatformTheTreeDoesNotBuildIsRefusedBeforeTheEngineIsAsked() {
        Workspace workspace = workspace(new RawParameters(Map.of("KUBE_BUILD_PLATFORMS", "linux/amd65")::get));
        assertThatThrownBy(() -> new BuildGoal(workspace).run(MAKE, true, true)).isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("linux/amd65");
        assertThat(engine.operations).isEmpty();
        assertThat(engine.built).isEmpty();
    }

    @Test
    void packagingRefusesTheHostBuild() {
        Workspace workspace = workspace(new RawParameters(Map.<String, String>of()::get).with(UserProperty.MODE, "local"));
        assertThatThrownBy(() -> new PackageGoal(workspace).packageRelease(
                new SettingsResolver(new RawParameters(Map.<String, String>of()::get)).release(java.util.Set.of("client"), java.util.Set.of())))
                .isInstanceOf(KubeBuildException.class).hasMessageContaining("kube.mode is local");
    }

    @Test
    void cleanRemovesTheTreesContainersImagesAndOutputAndNothingElse() {
        Workspace workspace = workspace(new RawParameters(Map.<String, String>of()::get).with(UserProperty.SYNC, "bind"));
        new BuildGoal(workspace).run(MAKE, true, true);
        assertThat(engine.images).hasSize(2);
        new CleanGoal(workspace).clean();
        assertThat(engine.images.keySet()).singleElement().asString().startsWith("kube-maven-plugin/kube-cross:");
        assertThat(root.resolve("_output")).doesNotExist();
        assertThat(root.resolve("cmd/kubectl/kubectl.go")).exists();
    }

    private void dataContainerOf(String treeHash, Path treeRoot, String hostname) {
        BuildNames names = BuildNames.of(treeHash, "5", "v1.19.8-1");
        Map<String, String> labels = new java.util.LinkedHashMap<>(names.labels("data"));
        labels.put(BuildNames.ROOT_LABEL, treeRoot.toString());
        labels.put(BuildNames.HOST_LABEL, hostname);
        engine.existing(ContainerSpec.builder(names.dataContainer(), names.image()).labels(labels).build(), false, 0);
        engine.createVolume(names.dataVolume("src"), names.labels("volume"));
    }

    @Test
    void cleanRemovesEveryBranchOfTheTreeAndNoOtherTreeOrHost() {
        Workspace workspace = workspace(new RawParameters(Map.<String, String>of()::get).with(UserProperty.SYNC, "bind"));
        new BuildGoal(workspace).run(MAKE, true, true);
        dataContainerOf("b0b0b0b0b0", root, "builder");
        dataContainerOf("0123401234", root.resolveSibling(root.getFileName() + "2"), "builder");
        dataContainerOf("5678956789", root, "other-host");
        new CleanGoal(workspace).clean();
        assertThat(engine.containerNames()).containsExactlyInAnyOrder("kube-mvn-data-0123401234-5-v1.19.8-1",
                "kube-mvn-data-5678956789-5-v1.19.8-1");
        assertThat(engine.volumes).containsOnlyKeys("kube-mvn-data-0123401234-5-v1.19.8-1-src", "kube-mvn-data-5678956789-5-v1.19.8-1-src");
        assertThat(log.lines()).contains("Removed containers kube-mvn-data-b0b0b0b0b0-5-v1.19.8-1",
                "Removed volumes kube-mvn-data-b0b0b0b0b0-5-v1.19.8-1-src");
    }

    @Test
    void cleanOfTheCurrentBranchLeavesTheOtherBranches() {
        Workspace workspace = workspace(new RawParameters(Map.<String, String>of()::get).with(UserProperty.SYNC, "bind"));
        new BuildGoal(workspace).run(MAKE, true, true);
        dataContainerOf("b0b0b0b0b0", root, "builder");
        new CleanGoal(workspace, true).clean();
        assertThat(engine.containerNames()).containsExactly("kube-mvn-data-b0b0b0b0b0-5-v1.19.8-1");
        assertThat(engine.volumes).containsOnlyKeys("kube-mvn-data-b0b0b0b0b0-5-v1.19.8-1-src");
        assertThat(engine.images.keySet()).singleElement().asString().startsWith("kube-maven-plugin/kube-cross:");
    }
}
