package io.github.kubemaven.builders.containers;

import io.github.kubemaven.ground.HostTerminal;
import io.github.kubemaven.ground.OutputSink;

import java.io.InputStream;

/**
 * How the user is attached to a command in the build container.
 *
 * @param stdin    what to send to the command's standard input, or null for nothing
 * @param tty      give the container a terminal (needs {@code stdin})
 * @param terminal where raw terminal output goes, or null to log the output line by line
 * @param host     the user's terminal, which the container's follows in mode and size; null when there is none
 */
public record Attachment(InputStream stdin, boolean tty, OutputSink terminal, HostTerminal host) {

    /** Output to the log, nothing to read. */
    public static final Attachment LOG_ONLY = new Attachment(null, false, null, null);

    /** Standard input sent, output logged line by line. */
    public static Attachment reading(InputStream stdin) {
        return new Attachment(stdin, false, null, null);
    }
}
