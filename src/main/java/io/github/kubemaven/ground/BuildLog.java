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

    /** This log with {@code prefix} before every message and phase name: one engine's part of a build. */
    default BuildLog prefixed(String prefix) {
        BuildLog log = this;
        return new BuildLog() {
            @Override
            public void info(String message) {
                log.info(prefix + message);
            }

            @Override
            public void warn(String message) {
                log.warn(prefix + message);
            }

            @Override
            public void debug(String message) {
                log.debug(prefix + message);
            }

            @Override
            public void output(String line) {
                log.output(prefix + line);
            }

            @Override
            public Progress progress(String phase) {
                return log.progress(prefix + phase);
            }
        };
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
