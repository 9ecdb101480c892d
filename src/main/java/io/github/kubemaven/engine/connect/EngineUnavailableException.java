package io.github.kubemaven.engine.connect;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

/** No Docker engine answered at the configured address. */
public final class EngineUnavailableException extends KubeBuildException {

    public EngineUnavailableException(String endpoint, Throwable cause) {
        super("No Docker engine answers at " + endpoint + (cause == null || cause.getMessage() == null ? "" : " (" + firstLine(cause) + ")") + ".",
                Hints.START_ENGINE,
                cause);
    }

    private static String firstLine(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
