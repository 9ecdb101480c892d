package io.github.kubemaven.maven;

import io.github.kubemaven.ground.BuildLog;
import org.apache.maven.plugin.logging.Log;

import java.util.regex.Pattern;

/**
 * The core's log on Maven's, without terminal escape codes.
 */
final class MavenBuildLog implements BuildLog {

    private static final Pattern ESCAPE_SEQUENCES = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007]*\u0007|[@-Z\\\\-_])");

    private final Log log;

    MavenBuildLog(Log log) {
        this.log = log;
    }

    static String plain(String text) {
        return ESCAPE_SEQUENCES.matcher(text).replaceAll("");
    }

    @Override
    public void info(String message) {
        log.info(plain(message));
    }

    @Override
    public void warn(String message) {
        log.warn(plain(message));
    }

    @Override
    public void debug(String message) {
        log.debug(plain(message));
    }

    @Override
    public void output(String line) {
        log.info(plain(line));
    }
}
