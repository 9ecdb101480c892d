package io.github.kubemaven.engine;

import io.github.kubemaven.ground.KubeBuildException;

/** No Docker engine answered at the configured address. */
public final class EngineUnavailableException extends KubeBuildException {

    public EngineUnavailableException(String endpoint, Throwable cause) {
        super("No Docker engine answers at " + endpoint + (cause == null || cause.getMessage() == null ? "" : " (" + firstLine(cause) + ")") + ".",
                "Start one (for example 'sudo systemctl start docker', or 'sudo dockerd &'), or point DOCKER_HOST / kube.dockerHost at a running engine.",
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
