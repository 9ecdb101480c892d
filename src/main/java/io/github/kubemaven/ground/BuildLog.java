package io.github.kubemaven.ground;

/**
 * Where the core reports progress; the Maven layer maps it onto Maven's log.
 */
public interface BuildLog {

    void info(String message);

    void warn(String message);

    void debug(String message);

    /** One line of output of a process or container, shown as it arrives. */
    default void output(String line) {
        info(line);
    }

    /** Starts reporting a long phase; close it when the phase ends. */
    default Progress progress(String phase) {
        return Progress.plain(phase, this);
    }

    /** A log that drops everything, for callers that need none. */
    static BuildLog silent() {
        return new BuildLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void debug(String message) {
            }
        };
    }
}
