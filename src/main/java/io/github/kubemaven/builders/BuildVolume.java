package io.github.kubemaven.builders;

import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LineSplitter;
import io.github.kubemaven.ground.TailLines;
import io.github.kubemaven.naming.BuildNames;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data container and its named volumes, which keep the tree's copy and the Go caches between runs; and whether
 * the last run that wrote them ended by itself.
 */
public final class BuildVolume {

    static final List<String> GO_PKG_CACHES = List.of("linux_386_cgo", "linux_amd64_cgo", "linux_arm_cgo",
            "linux_arm64_cgo", "linux_ppc64le_cgo", "darwin_amd64_cgo", "darwin_386_cgo", "windows_amd64_cgo",
            "windows_386_cgo");

    private final ContainerSession session;
    private final DockerEngine engine;
    private final BuildNames names;
    private final BuildLog log;
    private final VolumeState state;
    private boolean fresh;

    public BuildVolume(ContainerSession session) {
        this.session = session;
        this.engine = session.engine();
        this.names = session.names();
        this.log = session.log();
        this.state = new VolumeState(session.root().resolve("_output/kube-maven/volume-" + names.dataContainer() + ".writing"));
    }

    /** The data container, whose volumes other containers mount. */
    public String container() {
        return names.dataContainer();
    }

    /** Whether the data container exists and exited cleanly, so the volumes hold a previous run's state. */
    public boolean usable() {
        return engine.inspectContainer(names.dataContainer()).filter(BuildVolume::endedCleanly).isPresent();
    }

    /** Whether the volumes were made by this run and hold nothing yet. */
    public boolean fresh() {
        return fresh;
    }

    /**
     * Reuses the data container when it exited 0; otherwise makes it anew with fresh volumes, owned by the host user.
     */
    public void ensure() {
        Optional<ContainerState> existing = engine.inspectContainer(names.dataContainer());
        if (existing.filter(BuildVolume::endedCleanly).isPresent()) {
            log.info("Reusing data container " + names.dataContainer());
            return;
        }
        if (existing.isPresent()) {
            log.info("Data container " + names.dataContainer() + " did not end cleanly; making it anew");
            engine.removeContainer(names.dataContainer());
        }
        for (String volume : volumes().keySet()) {
            engine.removeVolume(volume);
        }
        fresh = true;
        state.settled();
        log.info("Creating data container " + names.dataContainer());
        ContainerSpec.Builder spec = ContainerSpec.builder(names.dataContainer(), names.image())
                .hostname(session.host().hostname())
                .labels(names.labels("data"))
                .command(List.of("chown", "-R", session.host().user(), MakeEnvironment.REMOTE_ROOT, "/usr/local/go/pkg/"));
        volumes().forEach((volume, path) -> {
            engine.createVolume(volume, names.labels("volume"));
            spec.volume(volume, path);
        });
        String id = engine.createContainer(spec.build());
        session.reaper().track(id);
        LineSplitter output = new LineSplitter(log::output, TailLines.SHOWN);
        int exitCode = engine.runAttached(id, null, output);
        output.flush();
        session.reaper().release(id);
        if (exitCode != 0) {
            throw new KubeBuildException("The data container " + names.dataContainer() + " could not prepare its volumes (exit code "
                    + exitCode + "): " + String.join(" / ", output.lastLines()), Hints.DATA_CONTAINER);
        }
    }

    /** Whether the last run stopped (Ctrl-C, a dead engine) while it wrote the volumes. */
    boolean interrupted() {
        return state.wasInterrupted();
    }

    /** Marks the volumes as being written, until {@link #settled()}. */
    void writing() {
        state.writing();
        fresh = false;
    }

    /** Marks the volumes as left by a command that ended by itself. */
    void settled() {
        state.settled();
    }

    private Map<String, String> volumes() {
        Map<String, String> volumes = new LinkedHashMap<>();
        volumes.put(names.dataVolume("src"), MakeEnvironment.REMOTE_ROOT);
        for (String cache : GO_PKG_CACHES) {
            volumes.put(names.dataVolume("go-pkg-" + cache), "/usr/local/go/pkg/" + cache);
        }
        return volumes;
    }

    private static boolean endedCleanly(ContainerState state) {
        return !state.running() && state.exitCode() == 0;
    }
}
