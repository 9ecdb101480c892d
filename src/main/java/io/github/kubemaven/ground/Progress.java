package io.github.kubemaven.ground;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What a long phase (an image build, a transfer, the command) tells while it runs. A console shows it live in a
 * footer under the log; a plain log gets only a {@link #status} line now and then, since it shows every output line
 * anyway.
 */
public interface Progress extends AutoCloseable {

    /** How the phase stands so far, such as the files and bytes a transfer has moved; replaces the status before. */
    void status(String text);

    /** The line the phase printed last; the log has it already, a footer shows it beside the elapsed time. */
    void latestLine(String line);

    /** The phase is over; a footer drops its line. */
    @Override
    void close();

    /** The least time between two status lines of a plain log. */
    Duration PLAIN_STATUS_INTERVAL = Duration.ofSeconds(30);

    /** For a log without a console: the status goes to {@code log} at most every {@link #PLAIN_STATUS_INTERVAL}. */
    static Progress plain(String phase, BuildLog log) {
        return plain(phase, log, System::nanoTime);
    }

    static Progress plain(String phase, BuildLog log, LongSupplier nanoClock) {
        long interval = PLAIN_STATUS_INTERVAL.toNanos();
        return new Progress() {
            private long lastShown = nanoClock.getAsLong();

            @Override
            public synchronized void status(String text) {
                long now = nanoClock.getAsLong();
                if (now - lastShown >= interval) {
                    lastShown = now;
                    log.info(phase + ": " + text + " so far");
                }
            }

            @Override
            public void latestLine(String line) {
            }

            @Override
            public void close() {
            }
        };
    }
}
