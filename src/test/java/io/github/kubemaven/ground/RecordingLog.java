package io.github.kubemaven.ground;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log that keeps what it is told, for tests to look at; safe to use from several threads. */
public final class RecordingLog implements BuildLog {

    private final List<String> all = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        all.add(message);
    }

    @Override
    public void warn(String message) {
        all.add(message);
        warnings.add(message);
    }

    @Override
    public void debug(String message) {
        all.add(message);
    }

    /** Every line, at any level, in order. */
    public List<String> lines() {
        return all;
    }

    public List<String> warnings() {
        return warnings;
    }
}
