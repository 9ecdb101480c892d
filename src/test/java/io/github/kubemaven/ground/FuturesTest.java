package io.github.kubemaven.ground;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FuturesTest {

    private static final Executor IN_HALF_A_SECOND = CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS);

    @Test
    void anInterruptedWaitForWorkToBeUndoneGoesOnUntilTheWorkEndsAndKeepsTheInterrupt() {
        CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> "container", IN_HALF_A_SECOND);
        Thread.currentThread().interrupt();
        try {
            assertThat(Futures.settledThroughInterrupts(started, Duration.ofSeconds(30))).isTrue();
            assertThat(started).isDone();
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }
    }

    @Test
    void failedWorkHasEndedAndWorkPastTheLimitIsLeftRunning() {
        CompletableFuture<String> failing = CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("no engine");
        }, IN_HALF_A_SECOND);
        assertThat(Futures.settledThroughInterrupts(failing, Duration.ofSeconds(30))).isTrue();

        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> "late", IN_HALF_A_SECOND);
        assertThat(Futures.settledThroughInterrupts(slow, Duration.ofMillis(50))).isFalse();
        assertThat(slow).isNotDone();
    }
}
