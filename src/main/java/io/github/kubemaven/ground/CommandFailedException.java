package io.github.kubemaven.ground;

import java.util.List;

/**
 * The command in the build container ended with a non-zero exit code.
 */
public final class CommandFailedException extends KubeBuildException {

    private final int exitCode;
    private final List<String> lastLines;

    public CommandFailedException(String command, int exitCode, List<String> lastLines, String hint) {
        this("'" + command + "' failed with exit code " + exitCode + formatLines(lastLines), hint, exitCode, lastLines);
    }

    private CommandFailedException(String message, String hint, int exitCode, List<String> lastLines) {
        super(message, hint);
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    /** The same failure, said to have happened {@code where} (such as on one engine of several). */
    public CommandFailedException at(String where) {
        return new CommandFailedException(where + ": " + getMessage(), hint(), exitCode, lastLines);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> lastLines() {
        return lastLines;
    }

    private static String formatLines(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(". Last lines of its output:");
        for (String line : lines) {
            text.append(System.lineSeparator()).append("    ").append(line);
        }
        return text.toString();
    }
}
