package io.github.kubemaven.orchestrate;

import io.github.kubemaven.stamp.StampFiles;
import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.ProxySettings;
import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.config.UserProperty;
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
import java.util.List;
import java.util.Map;
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
        BuildSettings settings = new SettingsResolver(raw.with(UserProperty.ROOT, root))
                .resolve(root, false, ProxySettings.NONE, false, null);
        return new Workspace(settings, log, address -> engine, new HostIdentity("builder", "1000", "1000"));
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
}
