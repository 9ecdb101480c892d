package io.github.kubemaven.maven;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.OutputProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.regex.Pattern;

/**
 * One line for failures the core did not put in words: a file that could not be read or written, or an engine
 * that gave an error of its own or stopped answering.
 */
final class UnexpectedFailures {

    private UnexpectedFailures() {
    }

    static String fileProblem(UncheckedIOException e) {
        IOException cause = e.getCause();
        String reason;
        if (cause instanceof FileSystemException fs) {
            boolean named = fs instanceof java.nio.file.AccessDeniedException || fs.getReason() != null;
            reason = fs.getFile() + ": " + (named ? OutputProblem.reason(fs) : fs.getClass().getSimpleName());
        } else {
            reason = firstLine(cause == null ? e : cause);
        }
        String context = e.getMessage() != null && cause != null && !e.getMessage().equals(cause.toString())
                ? e.getMessage().replace(": " + cause, "") + ": " : "";
        return context + reason + System.lineSeparator()
                + Hints.FILES;
    }

    /**
     * An engine's own error (docker-java's, a broken connection, an HTTP status the engine answered) as the engine's;
     * anything else is a fault of the plugin, named as one, with the way to see where it happened.
     */
    static String runtimeProblem(RuntimeException e) {
        if (!fromEngine(e)) {
            return "The plugin failed unexpectedly: " + e.getClass().getSimpleName() + ": " + firstLine(e) + System.lineSeparator()
                    + Hints.PLUGIN_FAULT;
        }
        return "The Docker engine failed: " + firstLine(e) + System.lineSeparator()
                + Hints.ENGINE_FAILED;
    }

    private static final Pattern ENGINE_STATUS = Pattern.compile("^Status \\d{3}\\b.*", Pattern.DOTALL);

    static boolean fromEngine(Throwable e) {
        for (Throwable link = e; link != null; link = link.getCause() == link ? null : link.getCause()) {
            String type = link.getClass().getName();
            if (type.startsWith("com.github.dockerjava.") || type.startsWith("org.apache.hc.") || type.startsWith("io.github.kubemaven.engine.")
                    || link instanceof IOException || link instanceof UncheckedIOException
                    || link.getMessage() != null && ENGINE_STATUS.matcher(link.getMessage()).matches()) {
                return true;
            }
        }
        return false;
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage();
        String first = message.lines().findFirst().orElse(message).strip();
        return root == e || e.getMessage() == null ? first : firstOf(e) + " (" + first + ")";
    }

    private static String firstOf(Throwable e) {
        return e.getMessage().lines().findFirst().orElse(e.getMessage()).strip();
    }
}
