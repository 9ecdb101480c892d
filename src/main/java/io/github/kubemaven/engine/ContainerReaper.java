package io.github.kubemaven.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The containers one run started, by id: removed when the run is done with them, or by a shutdown hook when the JVM
 * is stopped (Ctrl-C, SIGTERM) before the run could. A second Ctrl-C does not cut the hook short: the JVM ignores
 * signals while its shutdown hooks run. While the run lives it renews the {@link ContainerLease} of each of them, so a
 * run that can remove nothing (killed outright, its engine silent) still leaves nothing running.
 */
public final class ContainerReaper implements AutoCloseable {

    private final DockerEngine engine;
    /** The containers to remove, by ID. */
    private final Set<String> live = new LinkedHashSet<>();
    /** The containers the run started and neither kept nor removed before it was stopped: what an interruption ends. */
    private final Map<String, String> unended = new LinkedHashMap<>();
    /** Whether the removal of a container, by ID, succeeded, once some thread tried it. */
    private final Map<String, Boolean> removalOutcomes = new ConcurrentHashMap<>();
    private final Thread hook;
    private volatile boolean stopping;
    private volatile Consumer<String> interruptionReport = line -> { };
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
            endRunQuietly();
            reportInterruption();
        }, "kube-container-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Where the line naming what was removed goes when the JVM is stopped (Ctrl-C, SIGTERM) before the run ended. */
    public void reportInterruptionTo(Consumer<String> report) {
        this.interruptionReport = report;
    }

    /**
     * Removes the container {@code name} ({@code id}) when the run ends or the JVM stops, whichever comes first; at
     * once when it is stopping.
     */
    public void track(String id, String name) {
        synchronized (this) {
            unended.put(id, name);
            if (!stopping) {
                live.add(id);
                return;
            }
        }
        removeQuietly(id);
    }

    /**
     * Whether a container the run just started may go on: not once the run is stopping, when the removal that stopped
     * it may have come while the engine was still making or starting the container, and not taken; it is removed then.
     */
    public boolean mayRun(String id) {
        if (!stopping) {
            return true;
        }
        removeQuietly(id);
        return false;
    }

    /** Stops tracking a container the run keeps (the data container, once prepared), or one it removed. */
    public synchronized void release(String id) {
        live.remove(id);
        unended.remove(id);
    }

    private synchronized void untrack(String id) {
        live.remove(id);
        if (!stopping) {
            unended.remove(id);
        }
    }

    /** Removes the container now and stops tracking it. */
    public void remove(String id) {
        untrack(id);
        try {
            engine.removeContainer(id);
            removalOutcomes.put(id, true);
        } catch (RuntimeException e) {
            removalOutcomes.putIfAbsent(id, false);
            throw e;
        }
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
                            removalOutcomes.put(id, true);
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
        untrack(id);
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

    /**
     * One line naming the containers the interrupted run had started and that are gone now, whichever thread removed
     * them, and those the engine still holds.
     */
    private void reportInterruption() {
        Map<String, String> started;
        synchronized (this) {
            started = new LinkedHashMap<>(unended);
        }
        if (started.isEmpty()) {
            return;
        }
        List<String> removed = new ArrayList<>();
        List<String> left = new ArrayList<>();
        long deadline = System.nanoTime() + GONE_WAIT.toNanos();
        started.forEach((id, name) -> (removedBy(id, deadline) ? removed : left).add(name));
        String line = "Interrupted";
        if (!removed.isEmpty()) {
            line += ": removed " + (removed.size() == 1 ? "the container " : "the containers ") + String.join(", ", removed)
                    + " this run had started";
        }
        if (!left.isEmpty()) {
            line += (removed.isEmpty() ? ": " : "; ") + "could not remove " + String.join(", ", left)
                    + ", which the next run of this tree removes";
        }
        interruptionReport.accept(line);
    }

    private static final Duration GONE_WAIT = Duration.ofSeconds(5);

    /** Whether a removal of the container succeeded, waiting until {@code deadline} for one the run's thread makes. */
    private boolean removedBy(String id, long deadline) {
        try {
            while (!Boolean.TRUE.equals(removalOutcomes.get(id)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return removalOutcomes.getOrDefault(id, false);
    }

    private void removeQuietly(String id) {
        try {
            engine.removeContainer(id);
            removalOutcomes.put(id, true);
        } catch (RuntimeException ignored) {
            // the engine is gone, or another thread removes it: the next run of this tree removes what is left
        }
    }

    private void endRunQuietly() {
        try {
            engine.endRun();
        } catch (RuntimeException ignored) {
            // the next run of this tree removes what is left
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
