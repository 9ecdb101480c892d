package io.github.kubemaven.ground;

/**
 * Receives raw output bytes as they come, such as a container's stdout and stderr or a terminal's stream.
 */
@FunctionalInterface
public interface OutputSink {

    void write(byte[] bytes, int offset, int length);
}
