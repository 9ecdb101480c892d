package io.github.kubemaven.ground;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a byte stream (a container's output) into lines for the log and keeps the last few for an error message.
 */
public final class LineSplitter implements OutputSink {

    private final TailLines tail;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public LineSplitter(Consumer<String> lines, int keep) {
        this.tail = new TailLines(keep, lines);
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

    public List<String> lastLines() {
        return tail.lines();
    }

    private void emit() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        tail.accept(line);
    }
}
