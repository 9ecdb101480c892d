package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.Sessions;
import io.github.kubemaven.config.CacheSettings;
import io.github.kubemaven.config.SyncSettings;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.kubemaven.builders.containers.Sessions.NAMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardedBuilderTest {

    private static final List<String> MAKE = List.of("make", "WHAT=cmd/kubectl");
    private static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64", "linux/ppc64le", "linux/s390x");
    private static final SyncSettings SYNC = new SyncSettings(SyncSettings.SyncMode.RSYNC, null, 0, true, SyncSettings.RsyncTransport.PORT);
    private static final CacheSettings CACHES = new CacheSettings(CacheSettings.DEFAULT_GO_CACHE_BYTES, false);

    @TempDir
    Path root;
    private final FakeDockerEngine here = new FakeDockerEngine("here-");
    private final FakeDockerEngine there = new FakeDockerEngine("there-");
    private final FakeRsync rsync = new FakeRsync();
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void tree() throws IOException {
        Files.writeString(root.resolve("Makefile"), "all:\n");
    }

    private ShardedBuilder builder(boolean retry) {
        List<ShardedBuilder.Engine> engines = new ArrayList<>();
        for (var engine : List.of(here, there)) {
            String address = engine == here ? "unix:///here.sock" : "tcp://there:2376";
            var engineLog = log.prefixed("[" + address + "] ");
            engines.add(new ShardedBuilder.Engine(address, new RsyncPipelineBuilder(Sessions.on(engine, root, engineLog),
                    SYNC, CACHES, rsync::forPassword, new PhaseTimer(engineLog))));
        }
        return new ShardedBuilder(engines, PLATFORMS, retry, root, log);
    }

    private TreeSnapshot snapshot() {
        return TreeSnapshot.take(root, root.resolve("_output/dockerized/bin"));
    }

    private static String platformsOf(ContainerSpec build) {
        return build.environment().stream().filter(variable -> variable.startsWith("KUBE_BUILD_PLATFORMS="))
                .map(variable -> variable.substring("KUBE_BUILD_PLATFORMS=".length())).findFirst().orElseThrow();
    }

    @Test
    void eachEngineBuildsItsShareAndOnlyTheDataContainersStay() {
        try (ShardedBuilder builder = builder(false)) {
            builder.run(MAKE, snapshot(), true);
        }
        String hereBuilt = platformsOf(here.specs(NAMES.buildContainer()).get(0));
        String thereBuilt = platformsOf(there.specs(NAMES.buildContainer()).get(0));
        assertThat(List.of((hereBuilt + " " + thereBuilt).split(" "))).containsExactlyInAnyOrderElementsOf(PLATFORMS);
        assertThat(hereBuilt.split(" ")).hasSize(2);
        assertThat(here.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(there.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(log.lines()).contains("Engine unix:///here.sock builds " + hereBuilt, "Engine tcp://there:2376 builds " + thereBuilt);
        assertThat(log.lines()).anyMatch(line -> line.matches("Engine tcp://there:2376: " + thereBuilt + " built in [0-9.]+ s"));
        assertThat(root.resolve(PlatformSplit.RECORD)).isRegularFile();
        assertThat(root.resolve("_output/kube-maven/built-state.properties")).isRegularFile();
    }

    @Test
    void theKeyIsTheWholeBuildsWhicheverEngineBuildsWhat() {
        try (ShardedBuilder builder = builder(false);
             RsyncPipelineBuilder alone = new RsyncPipelineBuilder(Sessions.on(new FakeDockerEngine(), root, log), SYNC, CACHES,
                     rsync::forPassword, new PhaseTimer(log))) {
            assertThat(builder.recordKey(MAKE)).isEqualTo(alone.recordKey(MAKE));
        }
    }

    @Test
    void onlyAMakeThatBuildsThePlatformsIsSplitAndAnythingElseRunsOnTheFirstEngine() {
        assertThat(ShardedBuilder.splits(MAKE)).isTrue();
        assertThat(ShardedBuilder.splits(List.of("make", "all", "WHAT=cmd/kubectl", "GOFLAGS=-v"))).isTrue();
        assertThat(ShardedBuilder.splits(List.of("make", "cross"))).as("cross builds every group for the platforms given").isTrue();
        assertThat(ShardedBuilder.splits(List.of("make", "cross", "KUBE_BUILD_PLATFORMS=linux/amd64 linux/arm64")))
                .as("the command's own platforms win over a share's").isFalse();
        assertThat(ShardedBuilder.splits(List.of("make", "test", "WHAT=./pkg/..."))).isFalse();
        assertThat(ShardedBuilder.splits(List.of("hack/update-codegen.sh"))).isFalse();

        try (ShardedBuilder builder = builder(false)) {
            builder.run(List.of("make", "test"), snapshot(), false);
        }
        assertThat(here.specs(NAMES.buildContainer())).hasSize(1);
        assertThat(here.specs(NAMES.buildContainer()).get(0).environment()).as("the session's environment, no share of it")
                .noneMatch(variable -> variable.startsWith("KUBE_BUILD_PLATFORMS="));
        assertThat(there.specs(NAMES.buildContainer())).isEmpty();
        assertThat(log.lines()).contains("'make test' builds no share of platforms: it runs on unix:///here.sock alone");
    }

    @Test
    void anEngineWhoseShareFailsIsNamedWithItsPlatformsAndNothingOfTheRunIsLeft() {
        there.exitCodes.put("build", 2);
        there.outputs.put("build", "go: no space left on device\n");
        try (ShardedBuilder builder = builder(false)) {
            assertThatThrownBy(() -> builder.run(MAKE, snapshot(), true))
                    .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                        assertThat(e.getMessage()).startsWith("On engine tcp://there:2376, building linux/")
                                .contains("failed with exit code 2");
                        assertThat(e.lastLines()).containsExactly("go: no space left on device");
                    });
        }
        assertThat(here.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(there.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(root.resolve("_output/kube-maven/built-state.properties")).doesNotExist();
    }

    @Test
    void withRetryAFailedEnginesPlatformsAreBuiltOnOneThatWorked() {
        there.exitCodes.put("build", 2);
        try (ShardedBuilder builder = builder(true)) {
            builder.run(MAKE, snapshot(), true);
        }
        List<String> hereBuilt = here.specs(NAMES.buildContainer()).stream().map(ShardedBuilderTest::platformsOf).toList();
        assertThat(hereBuilt).hasSize(2);
        assertThat(List.of(String.join(" ", hereBuilt).split(" "))).containsExactlyInAnyOrderElementsOf(PLATFORMS);
        assertThat(log.warnings()).anyMatch(line -> line.startsWith("Engine tcp://there:2376 failed (")
                && line.endsWith(" on unix:///here.sock (kube.engineRetry)"));
    }
}
