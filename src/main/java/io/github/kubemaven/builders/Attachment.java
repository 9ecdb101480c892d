package io.github.kubemaven.builders;

import io.github.kubemaven.ground.OutputSink;

import java.io.InputStream;

/**
 * How the user is attached to a command in the build container.
 *
 * @param stdin    what to send to the command's standard input, or null for nothing
 * @param tty      give the container a terminal (needs {@code stdin})
 * @param terminal where raw terminal output goes, or null to log the output line by line
 */
public record Attachment(InputStream stdin, boolean tty, OutputSink terminal) {

    /** Output to the log, nothing to read. */
    public static final Attachment LOG_ONLY = new Attachment(null, false, null);
}
