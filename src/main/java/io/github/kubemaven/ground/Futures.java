package io.github.kubemaven.ground;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work started on another thread, awaited as if it had run on this one. */
public final class Futures {

    private Futures() {
    }

    /** The result of {@code future}; what it failed with is thrown as it was, not wrapped. */
    public static <T> T awaited(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
