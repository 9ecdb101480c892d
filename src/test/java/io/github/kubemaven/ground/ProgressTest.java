package io.github.kubemaven.ground;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void aPlainLogGetsTheStatusAtMostEveryHalfMinuteAndNeverTheLinesItHasAlready() {
        RecordingLog log = new RecordingLog();
        AtomicLong clock = new AtomicLong(1_000);
        try (Progress progress = Progress.plain("sync in", log, clock::get)) {
            progress.status("10 files, 1.0 MiB");
            clock.addAndGet(TimeUnit.SECONDS.toNanos(29));
            progress.status("20 files, 2.0 MiB");
            progress.latestLine("a line the log printed");
            assertThat(log.lines()).isEmpty();

            clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
            progress.status("30 files, 3.0 MiB");
            clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
            progress.status("40 files, 4.0 MiB");
            clock.addAndGet(TimeUnit.SECONDS.toNanos(25));
            progress.status("50 files, 5.0 MiB");
        }
        assertThat(log.lines()).containsExactly("sync in: 30 files, 3.0 MiB so far", "sync in: 50 files, 5.0 MiB so far");
    }
}
