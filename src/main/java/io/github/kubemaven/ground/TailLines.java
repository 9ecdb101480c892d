package io.github.kubemaven.ground;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last lines of some output, for a failure message; passes every line on as it comes.
 */
public final class TailLines implements Consumer<String> {

    /** How many lines a failure message shows. */
    public static final int SHOWN = 30;

    private final int keep;
    private final Consumer<String> next;
    private final Deque<String> lines = new ArrayDeque<>();

    public TailLines(int keep, Consumer<String> next) {
        this.keep = keep;
        this.next = next;
    }

    @Override
    public void accept(String line) {
        synchronized (this) {
            lines.addLast(line);
            if (lines.size() > keep) {
                lines.removeFirst();
            }
        }
        next.accept(line);
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}
