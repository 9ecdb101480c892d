package io.github.kubemaven.ground;

import java.io.Closeable;
import java.io.IOException;

/**
 * Closes what is over either way: a stream, channel or client whose failure to close changes nothing.
 */
public final class Closing {

    private Closing() {
    }

    /** Closes {@code closeable}, if any, and passes over a failure to. */
    public static void quietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // over either way
        }
    }
}
