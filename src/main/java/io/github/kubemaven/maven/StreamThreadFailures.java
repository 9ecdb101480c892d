package io.github.kubemaven.maven;

/**
 * The failures of docker-java's threads that pump an attached container's standard input
 * ({@code docker-java-httpclient5-hijacking-stream-*}): when the engine goes away or the run closes the connection,
 * such a thread dies with {@code Socket closed}, and the JVM would print its stack trace, though the plugin reports
 * the engine's failure in its own words. Kept out unless Maven shows errors ({@code -e}, {@code -X}); every other
 * thread's failure goes where it went before.
 */
final class StreamThreadFailures implements Thread.UncaughtExceptionHandler {

    static final String STREAM_THREAD_PREFIX = "docker-java-httpclient5-hijacking-stream";

    private static volatile boolean shown;

    private final Thread.UncaughtExceptionHandler before;

    private StreamThreadFailures(Thread.UncaughtExceptionHandler before) {
        this.before = before;
    }

    /** Puts the handler in place once per JVM, keeping the one before it for every other thread. */
    static synchronized void quiet(boolean showsErrors) {
        shown = showsErrors;
        Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
        if (!(current instanceof StreamThreadFailures)) {
            Thread.setDefaultUncaughtExceptionHandler(new StreamThreadFailures(current));
        }
    }

    static boolean leftOut(Thread thread, boolean showsErrors) {
        return !showsErrors && thread.getName().startsWith(STREAM_THREAD_PREFIX);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        if (leftOut(thread, shown)) {
            return;
        }
        if (before != null) {
            before.uncaughtException(thread, failure);
        } else {
            thread.getThreadGroup().uncaughtException(thread, failure);
        }
    }
}
