package io.github.kubemaven.maven;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Progress;
import org.apache.maven.plugin.logging.Log;

import java.util.regex.Pattern;

/**
 * The core's log on Maven's, without terminal escape codes; long phases show live in a {@link ConsoleFooter} when
 * the run has one, else as a status line now and then.
 */
final class MavenBuildLog implements BuildLog {

    private static final Pattern ESCAPE_SEQUENCES = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007]*\u0007|[@-Z\\\\-_])");

    private final Log log;
    private final ConsoleFooter footer;

    MavenBuildLog(Log log) {
        this(log, null);
    }

    /** @param footer the console's footer, or null for plain lines alone */
    MavenBuildLog(Log log, ConsoleFooter footer) {
        this.log = log;
        this.footer = footer;
    }

    static String plain(String text) {
        return ESCAPE_SEQUENCES.matcher(text).replaceAll("");
    }

    @Override
    public void info(String message) {
        shown(() -> log.info(plain(message)));
    }

    @Override
    public void warn(String message) {
        shown(() -> log.warn(plain(message)));
    }

    @Override
    public void debug(String message) {
        if (log.isDebugEnabled()) {
            shown(() -> log.debug(plain(message)));
        }
    }

    @Override
    public void output(String line) {
        shown(() -> log.info(plain(line)));
    }

    @Override
    public Progress progress(String phase) {
        return footer != null ? footer.open(phase) : Progress.plain(phase, this);
    }

    private void shown(Runnable logging) {
        if (footer != null) {
            footer.around(logging);
        } else {
            logging.run();
        }
    }
}
