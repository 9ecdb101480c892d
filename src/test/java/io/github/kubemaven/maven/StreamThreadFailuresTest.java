package io.github.kubemaven.maven;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamThreadFailuresTest {

    @Test
    void onlyTheInputPumpsOfAttachedContainersAreLeftOutAndOnlyWithoutMinusE() {
        Thread pump = new Thread(() -> { }, StreamThreadFailures.STREAM_THREAD_PREFIX + "-662397762");
        Thread other = new Thread(() -> { }, "kube-container-removal");
        assertThat(StreamThreadFailures.leftOut(pump, false)).isTrue();
        assertThat(StreamThreadFailures.leftOut(pump, true)).as("-e shows it").isFalse();
        assertThat(StreamThreadFailures.leftOut(other, false)).isFalse();
    }
}
