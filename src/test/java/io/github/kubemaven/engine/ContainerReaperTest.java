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
            reaper.track(started, "started");
            kept = engine.createContainer(spec("this-run-data"));
            reaper.track(kept, "kept");
            reaper.release(kept);
            String removedEarly = engine.createContainer(spec("this-run-rsync"));
            reaper.track(removedEarly, "removedEarly");
            reaper.remove(removedEarly);
            assertThat(engine.containerNames()).containsExactlyInAnyOrder("another-tree-build", "this-run-build", "this-run-data");
        }
        assertThat(engine.containerNames()).containsExactlyInAnyOrder("another-tree-build", "this-run-data");
        assertThat(engine.operations).containsExactly("create this-run-build", "create this-run-data", "create this-run-rsync",
                "remove this-run-rsync", "remove this-run-build");
    }

    @Test
    void aContainerRemovedSoonIsGoneBeforeTheNextOfItsNameAndBeforeTheRunEnds() {
        FakeDockerEngine engine = new FakeDockerEngine();
        try (ContainerReaper reaper = new ContainerReaper(engine)) {
            String first = engine.createContainer(spec("this-run-rsync"));
            reaper.track(first, "first");
            reaper.removeSoon(first);
            reaper.awaitRemovals();
            assertThat(engine.containerNames()).isEmpty();
            String second = engine.createContainer(spec("this-run-rsync"));
            reaper.track(second, "second");
            reaper.removeSoon(second);
        }
        assertThat(engine.containerNames()).isEmpty();
        assertThat(engine.operations).containsExactly("create this-run-rsync", "remove this-run-rsync", "create this-run-rsync",
                "remove this-run-rsync");
    }

    @Test
    void aContainerStartedAfterTheRunStoppedDoesNotRun() {
        FakeDockerEngine engine = new FakeDockerEngine();
        ContainerReaper reaper = new ContainerReaper(engine);
        String early = engine.createContainer(spec("this-run-build"));
        reaper.track(early, "this-run-build");
        assertThat(reaper.mayRun(early)).isTrue();
        String late = engine.createContainer(ContainerSpec.builder("this-run-late", "image").labels(Map.of("io.github.kubemaven.role", "rsync")).build());
        reaper.track(late, "this-run-late");
        engine.failing.add("remove rsync");
        reaper.stopAll();
        assertThat(engine.containerNames()).as("the removal came while the engine still made it").containsExactly("this-run-late");
        engine.failing.clear();
        assertThat(reaper.mayRun(late)).isFalse();
        assertThat(engine.containerNames()).isEmpty();
        reaper.close();
    }

    @Test
    void aRemovalThatFailsInTheBackgroundIsTriedAgainWhenTheRunEnds() {
        FakeDockerEngine engine = new FakeDockerEngine();
        ContainerReaper reaper = new ContainerReaper(engine);
        String build = engine.createContainer(spec("this-run-build"));
        reaper.track(build, "build");
        engine.failing.add("remove build");
        reaper.removeSoon(build);
        reaper.awaitRemovals();
        assertThat(engine.containerNames()).containsExactly("this-run-build");
        engine.failing.clear();
        reaper.close();
        assertThat(engine.containerNames()).isEmpty();
    }

    @Test
    void anEngineThatFailsWhileReapingLeavesTheRestToBeRemoved() {
        FakeDockerEngine engine = new FakeDockerEngine();
        ContainerReaper reaper = new ContainerReaper(engine);
        reaper.track(engine.createContainer(spec("first")), "first");
        reaper.track(engine.createContainer(ContainerSpec.builder("second", "image").labels(Map.of("io.github.kubemaven.role", "rsync")).build()), "second");
        engine.failing.add("remove build");
        reaper.close();
        assertThat(engine.containerNames()).containsExactly("first");
    }

    @Test
    void whileTheRunLivesItRenewsTheLeaseOfEveryContainerItStillTracks() throws InterruptedException {
        FakeDockerEngine engine = new FakeDockerEngine();
        try (ContainerReaper reaper = new ContainerReaper(engine, java.time.Duration.ofMillis(50))) {
            String build = engine.createContainer(spec("this-run-build"));
            engine.startContainer(build);
            reaper.track(build, "build");
            String released = engine.createContainer(ContainerSpec.builder("this-run-data", "image")
                    .labels(Map.of("io.github.kubemaven.role", "data")).build());
            engine.startContainer(released);
            reaper.track(released, "released");
            reaper.release(released);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (engine.execs.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        int renewed = engine.execs.size();
        assertThat(engine.execs).hasSizeGreaterThanOrEqualTo(2).containsOnly("build: touch " + ContainerLease.FILE);
        Thread.sleep(200);
        assertThat(engine.execs).as("no renewal after the run").hasSize(renewed);
    }

    @Test
    void aLeasedCommandRunsUnderInitWithTheWatchBesideIt() {
        ContainerSpec spec = ContainerSpec.builder("build", "image").leasedCommand(java.util.List.of("make", "all")).build();
        assertThat(spec.leased()).isTrue();
        assertThat(spec.command()).startsWith("sh", "-c").endsWith("kube-maven-lease", "make", "all");
        assertThat(spec.command().get(2)).contains(ContainerLease.FILE).contains("-gt " + ContainerLease.TERM.toSeconds())
                .contains("kill -KILL -1").endsWith("exec \"$@\"");
    }
}
