package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostTerminal;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LineSplitter;
import io.github.kubemaven.ground.Progress;
import io.github.kubemaven.ground.TailLines;
import io.github.kubemaven.naming.BuildNames;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh build container for one command, on the build volume or on the tree itself, removed when the command ends.
 */
public final class BuildContainer {

    private static final int KILLED = 137;
    private static final int TERMINATED = 143;

    private final ContainerSession session;
    private final String volumesFrom;
    private final Runnable endedByItself;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Map<String, String> mounts = new LinkedHashMap<>();
    private boolean ownMountsOnly;

    /**
     * A build container of {@code session}, made and removed by each {@link #run}.
     *
     * @param volumesFrom   the data container whose volumes hold the tree, or null to mount the tree itself
     * @param endedByItself called when the command ended on its own, whatever its exit code; not when Ctrl-C or its
     *                      engine cut it off
     */
    public BuildContainer(ContainerSession session, String volumesFrom, Runnable endedByItself) {
        this.session = session;
        this.volumesFrom = volumesFrom;
        this.endedByItself = endedByItself;
    }

    /** Sets a variable of the command's environment over the session's. */
    public void override(String variable, String value) {
        overrides.put(variable, value);
    }

    /** Mounts the named volume at {@code path}, over what the tree or the data container holds there. */
    public void mount(String volume, String path) {
        mounts.put(volume, path);
    }

    /** Mounts only the volumes given to {@link #mount}, none of the data container's. */
    public void ownMountsOnly() {
        ownMountsOnly = true;
    }

    /** Runs {@code command}; a non-zero exit code fails with the last lines of its output. */
    public void run(List<String> command, Attachment attachment) {
        BuildNames names = session.names();
        DockerEngine engine = session.engine();
        ContainerReaper reaper = session.reaper();
        session.awaitImage();
        ContainerSpec.Builder spec = ContainerSpec.builder(names.buildContainer(), names.image())
                .user(session.userInContainers())
                .hostname(session.host().hostname())
                .labels(names.labels("build"))
                .nanoCpus(session.buildCpus())
                .memoryBytes(session.buildMemory())
                .leasedCommand(command);
        Map<String, String> environment = new LinkedHashMap<>(session.environment());
        environment.putAll(overrides);
        if (volumesFrom == null) {
            Map<String, String> withHome = new LinkedHashMap<>(environment);
            withHome.put("HOME", "/tmp");
            spec.bind(session.root().toString(), MakeEnvironment.REMOTE_ROOT).environment(MakeEnvironment.asList(withHome));
        } else {
            if (!ownMountsOnly) {
                spec.volumesFrom(volumesFrom);
            }
            spec.environment(MakeEnvironment.asList(environment));
        }
        mounts.forEach(spec::volume);
        if (attachment.stdin() != null) {
            spec.interactive(attachment.tty());
        }
        session.log().debug("Build container environment: " + MakeEnvironment.describe(environment));
        int exitCode;
        reaper.awaitRemovals();
        ContainerSpec built = spec.build();
        String id = engine.createContainer(built);
        reaper.track(id, built.name());
        // a terminal shows the command's output itself
        Progress progress = attachment.terminal() == null ? session.log().progress("command") : Progress.plain("command", BuildLog.silent());
        LineSplitter lines = new LineSplitter(line -> {
            progress.latestLine(line);
            session.log().output(line);
        }, TailLines.SHOWN);
        try {
            exitCode = attachment.host() == null
                    ? engine.runAttached(id, attachment.stdin(), attachment.terminal() != null ? attachment.terminal() : lines)
                    : runInTerminal(id, attachment);
            lines.flush();
        } catch (RuntimeException e) {
            try {
                reaper.remove(id);
            } catch (RuntimeException removal) {
                e.addSuppressed(removal);
            }
            throw e;
        } finally {
            progress.close();
        }
        reaper.removeSoon(id);
        if ((exitCode == KILLED || exitCode == TERMINATED) && !reaper.stopping()) {
            requireEngineStillThere(exitCode);
        }
        if (!reaper.stopping()) {
            endedByItself.run();
        }
        if (exitCode != 0) {
            String shown = String.join(" ", command);
            throw new CommandFailedException(shown, exitCode, lines.lastLines(), Hints.reproduceInShell(session.root(), shown));
        }
    }

    /**
     * Runs the container with the user's terminal handed over to it: raw from the moment it starts until it ends, and
     * the container's terminal the size of the user's, following every resize.
     */
    private int runInTerminal(String id, Attachment attachment) {
        HostTerminal host = attachment.host();
        Runnable fit = () -> host.size().ifPresent(size -> {
            try {
                session.engine().resizeTerminal(id, size.rows(), size.columns());
            } catch (RuntimeException e) {
                session.log().debug("Could not resize the terminal of " + id + ": " + e.getMessage());
            }
        });
        host.enterRaw();
        try (HostTerminal.Watch resizing = host.onResize(fit)) {
            return session.engine().runAttached(id, attachment.stdin(), attachment.terminal(), fit);
        } finally {
            host.restore();
        }
    }

    /**
     * A build container killed from outside while the engine shuts down looks like a command that failed; tell the
     * two apart by asking the engine, which goes quiet within moments of killing its containers.
     */
    private void requireEngineStillThere(int exitCode) {
        DockerEngine engine = session.engine();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                engine.serverVersion();
                Thread.sleep(250);
            } catch (KubeBuildException e) {
                throw new KubeBuildException("The Docker engine at " + engine.endpoint() + " stopped while the command ran "
                        + "(its container ended with exit code " + exitCode + ").", Hints.ENGINE_STOPPED, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
