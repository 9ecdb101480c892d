package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.GoBuildCache;
import io.github.kubemaven.builders.containers.MakeEnvironment;
import io.github.kubemaven.builders.containers.Sessions;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.release.BuiltState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.kubemaven.builders.containers.Sessions.NAMES;
import static org.assertj.core.api.Assertions.assertThat;

class BindMountBuilderTest {

    @TempDir
    Path root;

    @Test
    void theTreeIsMountedIntoOneBuildContainerAndNothingElseStarts() {
        FakeDockerEngine engine = new FakeDockerEngine();
        RecordingLog log = new RecordingLog();
        try (BindMountBuilder builder = new BindMountBuilder(Sessions.on(engine, root, log), new PhaseTimer(log))) {
            assertThat(builder.writesTree()).isTrue();
            builder.run(List.of("make"), null, false);
        }
        assertThat(engine.operations).containsExactly("create " + NAMES.buildContainer(), "run " + NAMES.buildContainer(),
                "remove " + NAMES.buildContainer());
        ContainerSpec build = engine.specs(NAMES.buildContainer()).get(0);
        assertThat(build.bindMounts()).containsExactly(java.util.Map.entry(root.toString(), MakeEnvironment.REMOTE_ROOT));
        assertThat(build.volumesFrom()).isEmpty();
        assertThat(build.environment()).contains("HOME=/tmp", "KUBE_VERBOSE=2");
        assertThat(BuiltState.read(BuiltState.fileOf(root)).orElseThrow().goCache()).isEqualTo(BuiltState.TREE_GO_CACHE);
    }

    @Test
    void aReleaseBuildMountsAFreshGoBuildCacheOverTheTreesOwn() {
        FakeDockerEngine engine = new FakeDockerEngine();
        RecordingLog log = new RecordingLog();
        try (BindMountBuilder builder = new BindMountBuilder(Sessions.forRelease(engine, root, log), new PhaseTimer(log))) {
            builder.run(List.of("make", "cross"), null, false);
        }
        String fresh = NAMES.freshGoCacheVolume();
        ContainerSpec build = engine.specs(NAMES.buildContainer()).get(0);
        assertThat(build.bindMounts()).containsExactly(Map.entry(root.toString(), MakeEnvironment.REMOTE_ROOT));
        assertThat(build.volumeMounts()).containsExactly(Map.entry(fresh, GoBuildCache.PATH));
        assertThat(root.resolve("_output/dockerized/go/cache")).isDirectory();
        assertThat(engine.operations).containsSubsequence("createVolume " + fresh, "run " + NAMES.buildContainer(),
                "remove " + NAMES.buildContainer(), "removeVolume " + fresh);
        assertThat(engine.volumes).isEmpty();
        assertThat(BuiltState.read(BuiltState.fileOf(root)).orElseThrow().goCache()).isEqualTo(BuiltState.FRESH_GO_CACHE);
    }
}
