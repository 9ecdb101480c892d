package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LineSplitter;
import io.github.kubemaven.ground.TailLines;

import java.util.function.Consumer;

/**
 * A helper container that does one job (a copy, a chown, an emptying) and ends: made, run to its end with its output
 * in the log, and removed, whatever happens.
 */
final class OneShotContainer {

    private OneShotContainer() {
    }

    /**
     * Runs {@code spec} to its end.
     *
     * @param failure what went wrong, as the message begins when the container ends with another exit code than 0
     * @throws KubeBuildException naming the exit code and the container's last lines, with {@code hint}
     */
    static void run(DockerEngine engine, ContainerReaper reaper, BuildLog log, ContainerSpec spec, String failure, String hint) {
        run(engine, reaper, spec, failure, hint, log::output);
    }

    /** {@link #run} with each line of the container's output given to {@code lines} instead of the log. */
    static void run(DockerEngine engine, ContainerReaper reaper, ContainerSpec spec, String failure, String hint, Consumer<String> lines) {
        String id = engine.createContainer(spec);
        reaper.track(id, spec.name());
        try {
            LineSplitter output = new LineSplitter(lines, TailLines.SHOWN);
            int exitCode = engine.runAttached(id, null, output);
            output.flush();
            if (exitCode != 0) {
                throw new KubeBuildException(failure + " (exit code " + exitCode + "): " + String.join(" / ", output.lastLines()), hint);
            }
        } finally {
            reaper.remove(id);
        }
    }
}
