package io.github.kubemaven.maven;

import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.Progress;
import org.apache.maven.shared.utils.logging.MessageUtils;

import java.io.Console;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Live lines under Maven's log on an interactive console, one per running phase: its name, the time it has run, and
 * its status or latest line. Each log message first erases the footer, then the footer is drawn again below it; a
 * ticker redraws it every half second so the time moves while a phase prints nothing.
 */
final class ConsoleFooter implements AutoCloseable {

    private static final String ERASE_BELOW = "\u001B[J";
    /** A line wider than the console is clipped, never wrapped: a wrapped line would throw off the erasing. */
    private static final String WRAP_OFF = "\u001B[?7l";
    private static final String WRAP_ON = "\u001B[?7h";
    private static final long TICK_MILLIS = 500;

    private final PrintStream terminal;
    private final Runnable logFlush;
    private final int width;
    private final LongSupplier nanoClock;
    private final Set<Phase> running = new LinkedHashSet<>();
    private ScheduledExecutorService ticker;
    private ScheduledFuture<?> ticks;
    private int drawn;

    /**
     * @param terminal where the footer goes: the console itself, beside the stream Maven logs to
     * @param logFlush pushes out what Maven's log holds, so that it lands above the footer
     * @param width    the console's columns; lines are cut to fit, as a wrapped line would break the erasing
     */
    ConsoleFooter(PrintStream terminal, Runnable logFlush, int width, LongSupplier nanoClock) {
        this.terminal = terminal;
        this.logFlush = logFlush;
        this.width = Math.max(width, 20);
        this.nanoClock = nanoClock;
    }

    /** Variables that CI services set; their logs are files, where a footer is noise. */
    private static final List<String> CI_VARIABLES = List.of("CI", "CONTINUOUS_INTEGRATION", "BUILD_NUMBER", "JENKINS_URL",
            "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "TEAMCITY_VERSION", "BUILDKITE", "CIRCLECI", "TRAVIS");

    /**
     * Whether a footer suits this run: Maven is interactive (no {@code -B}), its output is a console that understands
     * cursor movement ({@code TERM} set and not {@code dumb}), no CI service runs it, and no other module of a parallel
     * build writes between our lines.
     */
    static boolean suits(boolean interactiveMode, boolean parallelBuild, boolean console, Map<String, String> environment) {
        String term = environment.get("TERM");
        return interactiveMode && !parallelBuild && console && term != null && !term.isBlank() && !term.equals("dumb")
                && CI_VARIABLES.stream().map(environment::get).noneMatch(value -> value != null && !value.isBlank()
                        && !value.equalsIgnoreCase("false"));
    }

    /** Whether standard input and output are a console; on JDK 22 and later {@code System.console()} alone no longer says. */
    static boolean onConsole() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** A footer on this process's console, beside Maven's log on {@code System.out}. */
    static ConsoleFooter onThisConsole(Map<String, String> environment) {
        PrintStream terminal = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        return new ConsoleFooter(terminal, System.out::flush, columns(environment), System::nanoTime);
    }

    private static int columns(Map<String, String> environment) {
        HostProcess.Result size = HostProcess.of("stty", "size").inputFrom(new File("/dev/tty")).timeout(Duration.ofSeconds(2)).capture();
        String[] rowsAndColumns = size.stdout().strip().split("\\s+");
        if (size.succeeded() && rowsAndColumns.length == 2 && rowsAndColumns[1].matches("\\d+")) {
            return Integer.parseInt(rowsAndColumns[1]);
        }
        String columns = environment.getOrDefault("COLUMNS", "");
        return columns.matches("\\d+") ? Integer.parseInt(columns) : 80;
    }

    /** Runs {@code logging} (one message to Maven's log) with the footer out of its way. */
    synchronized void around(Runnable logging) {
        erase();
        logging.run();
        draw();
    }

    synchronized Progress open(String name) {
        Phase phase = new Phase(name, nanoClock.getAsLong());
        running.add(phase);
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "kube-console-footer");
                thread.setDaemon(true);
                return thread;
            });
        }
        if (ticks == null) {
            ticks = ticker.scheduleAtFixedRate(this::redraw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        redraw();
        return phase;
    }

    synchronized void redraw() {
        erase();
        draw();
    }

    private synchronized void closed(Phase phase) {
        running.remove(phase);
        if (running.isEmpty() && ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
        redraw();
    }

    /** Takes the footer off the console, for good. */
    @Override
    public synchronized void close() {
        running.clear();
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
            ticks = null;
        }
        erase();
    }

    private void erase() {
        if (drawn > 0) {
            logFlush.run();
            terminal.print("\u001B[" + drawn + "A\r" + ERASE_BELOW);
            terminal.flush();
            drawn = 0;
        }
    }

    private void draw() {
        if (running.isEmpty()) {
            return;
        }
        logFlush.run();
        StringBuilder text = new StringBuilder();
        long now = nanoClock.getAsLong();
        for (Phase phase : running) {
            text.append(phase.line(now)).append('\n');
        }
        terminal.print(WRAP_OFF + text + WRAP_ON);
        terminal.flush();
        drawn = running.size();
    }

    /** The footer line of one phase, cut to the console's width and styled as Maven styles its own messages. */
    String line(String name, long elapsedNanos, String shown) {
        String label = "kube " + name;
        String rest = " " + elapsed(elapsedNanos) + (shown.isEmpty() ? "" : " | " + printable(shown));
        int room = width - 1;
        if (label.length() + rest.length() > room) {
            String whole = cut(label + rest, room - 3) + "...";
            label = whole.length() <= label.length() ? whole : label;
            rest = whole.length() <= label.length() ? "" : whole.substring(label.length());
        }
        return MessageUtils.buffer().strong(label).a(rest).toString();
    }

    /** The first {@code length} characters of {@code text}, one fewer where that would split a surrogate pair. */
    private static String cut(String text, int length) {
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    static String elapsed(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String printable(String text) {
        return MavenBuildLog.plain(text).replaceAll("[\\p{Cntrl}\\p{Cf}]", " ").strip();
    }

    /** One running phase: what it shows, and when it began. */
    private final class Phase implements Progress {
        private final String name;
        private final long start;
        private volatile String status = "";
        private volatile String latestLine = "";

        Phase(String name, long start) {
            this.name = name;
            this.start = start;
        }

        String line(long now) {
            return ConsoleFooter.this.line(name, now - start, status.isEmpty() ? latestLine : status);
        }

        @Override
        public void status(String text) {
            status = text;
        }

        @Override
        public void latestLine(String line) {
            latestLine = line;
        }

        @Override
        public void close() {
            closed(this);
        }
    }
}
