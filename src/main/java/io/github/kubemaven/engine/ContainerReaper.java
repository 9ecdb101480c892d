package io.github.kubemaven.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The containers one run started, by id: removed when the run is done with them, or by a shutdown hook when the JVM
 * is stopped (Ctrl-C, SIGTERM) before the run could. A second Ctrl-C does not cut the hook short: the JVM ignores
 * signals while its shutdown hooks run. While the run lives it renews the {@link ContainerLease} of each of them, so a
 * run that can remove nothing (killed outright, its engine silent) still leaves nothing running.
 */
public final class ContainerReaper implements AutoCloseable {

    private final DockerEngine engine;
    private final Set<String> live = new LinkedHashSet<>();
    private final Thread hook;
    private volatile boolean stopping;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kube-container-lease");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService removals = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "kube-container-removal");
        thread.setDaemon(true);
        return thread;
    });

    public ContainerReaper(DockerEngine engine) {
        this(engine, ContainerLease.RENEWAL);
    }

    ContainerReaper(DockerEngine engine, Duration renewal) {
        this.engine = engine;
        renewals.scheduleWithFixedDelay(this::renewLeases, renewal.toMillis(), renewal.toMillis(), TimeUnit.MILLISECONDS);
        this.hook = new Thread(() -> {
            synchronized (this) {
                stopping = true;
            }
            renewals.shutdownNow();
            removals.shutdownNow();
            reapAll();
        }, "kube-container-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Removes {@code id} when the run ends or the JVM stops, whichever comes first; at once when it is stopping. */
    public void track(String id) {
        synchronized (this) {
            if (!stopping) {
                live.add(id);
                return;
            }
        }
        removeQuietly(id);
    }

    /** Stops tracking a container the run keeps (the data container, once prepared). */
    public synchronized void release(String id) {
        live.remove(id);
    }

    /** Removes the container now and stops tracking it. */
    public void remove(String id) {
        release(id);
        engine.removeContainer(id);
    }

    /**
     * Removes the container on a thread of its own while the run goes on; it stays tracked until it is gone, and
     * {@link #close()} and {@link #awaitRemovals()} wait for it. A removal that fails is tried again by {@link #close()}.
     * Once the run stops or this reaper is closed, the container is removed at once, on the calling thread.
     */
    public void removeSoon(String id) {
        synchronized (this) {
            if (!stopping) {
                try {
                    removals.execute(() -> {
                        try {
                            engine.removeContainer(id);
                            release(id);
                        } catch (RuntimeException ignored) {
                            // still tracked: close() tries again
                        }
                    });
                    return;
                } catch (RejectedExecutionException closed) {
                    // removed below
                }
            }
        }
        release(id);
        removeQuietly(id);
    }

    /** Waits until the removals {@link #removeSoon} started are done: before a container of the same name is made. */
    public void awaitRemovals() {
        try {
            removals.submit(() -> { }).get(REMOVAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // close() removes what is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final Duration REMOVAL_WAIT = Duration.ofMinutes(2);

    /**
     * Removes every container the run tracks and every one it starts from now on, as Ctrl-C does, while the JVM goes
     * on: a run whose part on another engine failed stops its own.
     */
    public void stopAll() {
        synchronized (this) {
            stopping = true;
        }
        reapAll();
    }

    /** Whether the JVM is stopping (Ctrl-C, SIGTERM), or the run was told to stop: what it does now may be cut off at any point. */
    public boolean stopping() {
        return stopping;
    }

    private void renewLeases() {
        List<String> containers;
        synchronized (this) {
            containers = new ArrayList<>(live);
        }
        containers.forEach(container -> ContainerLease.renew(engine, container));
    }

    private void reapAll() {
        List<String> containers;
        synchronized (this) {
            containers = new ArrayList<>(live);
            live.clear();
        }
        containers.forEach(this::removeQuietly);
    }

    private void removeQuietly(String id) {
        try {
            engine.removeContainer(id);
        } catch (RuntimeException ignored) {
            // the engine is gone: the next run of this tree removes what is left, by its labels
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        removals.shutdown();
        try {
            removals.awaitTermination(REMOVAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reapAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway
        }
    }
}
