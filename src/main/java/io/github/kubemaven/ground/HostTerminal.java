package io.github.kubemaven.ground;

import java.util.Optional;

/**
 * The user's terminal, for a shell in a container to take over: raw while the shell runs and not a moment before,
 * so that every log line before it ends as a line; its size, and each change of it.
 */
public interface HostTerminal {

    /** How many rows and columns the terminal shows. */
    record Size(int rows, int columns) {
    }

    /** Hands the terminal over: no echo, no line editing, every key as it is typed. */
    void enterRaw();

    /** Gives the terminal back as it was before {@link #enterRaw()}. */
    void restore();

    /** The terminal's size now; empty when it cannot be read. */
    Optional<Size> size();

    /** Calls {@code resized} each time the terminal changes its size, until the returned watch is closed. */
    Watch onResize(Runnable resized);

    /** A watch on the terminal's size. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
