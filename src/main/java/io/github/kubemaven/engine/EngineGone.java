package io.github.kubemaven.engine;

import io.github.kubemaven.engine.connect.EngineUnavailableException;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * An engine that stops answering in the middle of a run (stopped, restarted, its host gone) makes docker-java throw
 * whatever its transport met; every call through {@link #reporting} turns that into one line naming the engine.
 */
final class EngineGone {

    private EngineGone() {
    }

    static DockerEngine reporting(DockerEngine engine) {
        return (DockerEngine) Proxy.newProxyInstance(DockerEngine.class.getClassLoader(), new Class<?>[] {DockerEngine.class},
                (proxy, method, arguments) -> {
                    try {
                        return method.invoke(engine, arguments);
                    } catch (InvocationTargetException e) {
                        Throwable failure = e.getCause();
                        if (failure instanceof RuntimeException runtime && !(failure instanceof KubeBuildException)
                                && connectionLost(runtime)) {
                            throw new EngineUnavailableException(engine.endpoint(), runtime);
                        }
                        throw failure;
                    }
                });
    }

    static boolean connectionLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
