package io.github.kubemaven.ground;

import io.github.kubemaven.engine.DockerEngine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts container output into lines for the log and keeps the last few for an error message.
 */
public final class LineSplitter implements DockerEngine.OutputSink {

    private final Consumer<String> lines;
    private final int keep;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Deque<String> tail = new ArrayDeque<>();

    public LineSplitter(Consumer<String> lines, int keep) {
        this.lines = lines;
        this.keep = keep;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit();
            } else if (b != '\r') {
                partial.write(b);
            }
        }
    }

    public synchronized void flush() {
        if (partial.size() > 0) {
            emit();
        }
    }

    public synchronized List<String> lastLines() {
        return new ArrayList<>(tail);
    }

    private void emit() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        tail.addLast(line);
        if (tail.size() > keep) {
            tail.removeFirst();
        }
        lines.accept(line);
    }
}
