package io.github.kubemaven.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerReaperTest {

    private static ContainerSpec spec(String name) {
        return ContainerSpec.builder(name, "image").labels(Map.of("io.github.kubemaven.role", "build")).build();
    }

    @Test
    void removesExactlyWhatItStartedAndStillTracks() {
        FakeDockerEngine engine = new FakeDockerEngine();
        engine.existing(spec("another-tree-build"), true, 0);
        String kept;
        try (ContainerReaper reaper = new ContainerReaper(engine)) {
            String started = engine.createContainer(spec("this-run-build"));
            reaper.track(started);
            kept = engine.createContainer(spec("this-run-data"));
            reaper.track(kept);
            reaper.release(kept);
            String removedEarly = engine.createContainer(spec("this-run-rsync"));
            reaper.track(removedEarly);
            reaper.remove(removedEarly);
            assertThat(engine.containerNames()).containsExactlyInAnyOrder("another-tree-build", "this-run-build", "this-run-data");
        }
        assertThat(engine.containerNames()).containsExactlyInAnyOrder("another-tree-build", "this-run-data");
        assertThat(engine.operations).containsExactly("create this-run-build", "create this-run-data", "create this-run-rsync",
                "remove this-run-rsync", "remove this-run-build");
    }

    @Test
    void anEngineThatFailsWhileReapingLeavesTheRestToBeRemoved() {
        FakeDockerEngine engine = new FakeDockerEngine();
        ContainerReaper reaper = new ContainerReaper(engine);
        reaper.track(engine.createContainer(spec("first")));
        reaper.track(engine.createContainer(ContainerSpec.builder("second", "image").labels(Map.of("io.github.kubemaven.role", "rsync")).build()));
        engine.failing.add("remove build");
        reaper.close();
        assertThat(engine.containerNames()).containsExactly("first");
    }
}
