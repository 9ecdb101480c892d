package io.github.kubemaven.ground;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Work started on another thread, awaited as if it had run on this one. */
public final class Futures {

    private Futures() {
    }

    /**
     * The result of {@code future}; what it failed with is thrown as it was, not wrapped. An interrupt ends the wait
     * (the work itself goes on until its owner stops it) with the thread's interrupt flag set again.
     */
    public static <T> T awaited(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while waiting for work on another thread", null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Waits until {@code future} has ended, however it ended, for at most {@code limit}, through interrupts (the
     * thread's interrupt flag is set again afterwards): for work whose result must be undone before the run ends, such
     * as a container being started.
     *
     * @return whether it ended within {@code limit}
     */
    public static boolean settledThroughInterrupts(CompletableFuture<?> future, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.handle((result, failure) -> null).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
