package io.github.kubemaven.pipeline;

import io.github.kubemaven.docker.DockerEngine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the containers a run started when the JVM is stopped (Ctrl-C, SIGTERM) before the run could.
 */
public final class ContainerReaper implements AutoCloseable {

    private final DockerEngine engine;
    private final Set<String> live = new LinkedHashSet<>();
    private final Thread hook;

    public ContainerReaper(DockerEngine engine) {
        this.engine = engine;
        this.hook = new Thread(this::reapAll, "kube-container-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public synchronized void track(String container) {
        live.add(container);
    }

    /** Removes the container now and stops tracking it. */
    public void remove(String container) {
        engine.removeContainer(container);
        synchronized (this) {
            live.remove(container);
        }
    }

    private void reapAll() {
        List<String> containers;
        synchronized (this) {
            containers = new ArrayList<>(live);
            live.clear();
        }
        for (String container : containers) {
            try {
                engine.removeContainer(container);
            } catch (RuntimeException ignored) {
                // the JVM is going down; the next run removes what is left by name
            }
        }
    }

    @Override
    public void close() {
        reapAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway
        }
    }
}
