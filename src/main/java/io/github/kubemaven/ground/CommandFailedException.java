package io.github.kubemaven.ground;

import java.util.List;

/**
 * The command in the build container ended with a non-zero exit code.
 */
public final class CommandFailedException extends KubeBuildException {

    private final int exitCode;
    private final List<String> lastLines;

    public CommandFailedException(String command, int exitCode, List<String> lastLines, String hint) {
        super("'" + command + "' failed with exit code " + exitCode + formatLines(lastLines), hint);
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
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
