package io.github.kubemaven.ground;

import java.util.Locale;

/**
 * Logs how long each phase of a run took, in a form scripts can read: {@code Phase <name>: <seconds> s}.
 */
public final class PhaseTimer {

    private final BuildLog log;
    private final long start = System.nanoTime();
    private long last = start;

    public PhaseTimer(BuildLog log) {
        this.log = log;
    }

    public void done(String phase) {
        long now = System.nanoTime();
        log.info(String.format(Locale.ROOT, "Phase %s: %.1f s", phase, (now - last) / 1e9));
        last = now;
    }

    public void total() {
        log.info(String.format(Locale.ROOT, "Phase total: %.1f s", (System.nanoTime() - start) / 1e9));
    }
}
