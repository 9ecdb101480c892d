package io.github.kubemaven.ground;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One command on the host: its folder, environment, standard input and time limit, run either to capture what it
 * prints or to stream it line by line. Standard input is fed while stdout and stderr are drained, so neither side can
 * block the other; the command and its children are stopped when the JVM is (Ctrl-C, SIGTERM).
 */
public final class HostProcess {

    /** What a captured command printed, and how it ended; exit code 127 when it could not start, 124 on timeout. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** How a streamed command ended, with the last lines it printed. */
    public record Outcome(int exitCode, List<String> lastLines) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /**
     * A thread of its own for each stream: the common pool may have fewer threads than a command has streams, and a
     * stream left waiting can block the command and so every other stream.
     */
    private static final Executor STREAM_THREADS = task -> {
        Thread thread = new Thread(task, "kube-host-process-io");
        thread.setDaemon(true);
        thread.start();
    };

    private final List<String> command;
    private Path directory = Path.of(".");
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean onlyGivenEnvironment;
    private byte[] input;
    private File inputFile;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Consumer<String> outputWatcher;

    private HostProcess(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static HostProcess of(List<String> command) {
        return new HostProcess(command);
    }

    public static HostProcess of(String... command) {
        return new HostProcess(List.of(command));
    }

    /** The executable file {@code program} names in the folders of {@code path} (a PATH value), as a shell finds it. */
    public static Optional<Path> findOnPath(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public HostProcess in(Path folder) {
        this.directory = folder;
        return this;
    }

    /** Variables set on top of this process's own environment. */
    public HostProcess environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Exactly these variables, nothing inherited. */
    public HostProcess onlyEnvironment(Map<String, String> variables) {
        onlyGivenEnvironment = true;
        environment.clear();
        environment.putAll(variables);
        return this;
    }

    /** Text for its standard input; without it the command reads an empty input. */
    public HostProcess input(String text) {
        this.input = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** A file (such as /dev/tty) as its standard input. */
    public HostProcess inputFrom(File file) {
        this.inputFile = file;
        return this;
    }

    /** How long {@link #capture()} waits before it stops the command. */
    public HostProcess timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /**
     * Hands {@link #capture()}'s stdout to {@code pieces} as it comes, cut at each carriage return and line feed (a
     * progress display redraws its line with carriage returns); the result keeps only what ended in a line feed.
     */
    public HostProcess watchOutput(Consumer<String> pieces) {
        this.outputWatcher = pieces;
        return this;
    }

    /** Runs the command and collects stdout and stderr apart. */
    public Result capture() {
        Process process;
        try {
            process = start(false);
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        }
        Thread stopOnExit = stopWithJvm(process);
        try {
            CompletableFuture<Void> feeding = feed(process);
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> outputWatcher == null
                    ? drain(process.getInputStream()) : drainWatched(process.getInputStream(), outputWatcher), STREAM_THREADS);
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), STREAM_THREADS);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                return new Result(124, stdout.getNow(""), "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            feeding.join();
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while running " + command.get(0), null, e);
        } finally {
            forget(stopOnExit);
        }
    }

    /**
     * Runs the command, passing each line it prints (stdout and stderr together) to {@code lines} as it comes.
     *
     * @throws IOException when it cannot be started
     */
    public Outcome stream(Consumer<String> lines) throws IOException {
        Process process = start(true);
        Thread stopOnExit = stopWithJvm(process);
        TailLines tail = new TailLines(TailLines.SHOWN, lines);
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            CompletableFuture<Void> feeding = feed(process);
            String line;
            while ((line = output.readLine()) != null) {
                tail.accept(line);
            }
            int exitCode = process.waitFor();
            feeding.join();
            return new Outcome(exitCode, tail.lines());
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while running " + String.join(" ", command), null, e);
        } finally {
            forget(stopOnExit);
        }
    }

    private Process start(boolean mergeOutput) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(mergeOutput);
        if (onlyGivenEnvironment) {
            builder.environment().clear();
        }
        builder.environment().putAll(environment);
        if (inputFile != null) {
            builder.redirectInput(inputFile);
        } else if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        return builder.start();
    }

    private CompletableFuture<Void> feed(Process process) {
        if (input == null || inputFile != null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // the command stopped reading early; its exit code tells the rest
            }
        }, STREAM_THREADS);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread stopWithJvm(Process process) {
        Thread hook = new Thread(() -> {
            List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
            children.forEach(ProcessHandle::destroy);
            process.destroy();
        }, "kube-host-process-stopper");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down: the hook stops the process
        }
    }

    static String drainWatched(InputStream stream, Consumer<String> watcher) {
        Consumer<String> pieces = piece -> {
            try {
                watcher.accept(piece);
            } catch (RuntimeException e) {
                // a watcher that fails must not stop the draining, or the command blocks on a full pipe
            }
        };
        StringBuilder lines = new StringBuilder();
        StringBuilder piece = new StringBuilder();
        boolean returned = false;
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int count;
            while ((count = reader.read(buffer)) >= 0) {
                for (int i = 0; i < count; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        if (!returned) {
                            pieces.accept(piece.toString());
                        }
                        lines.append(piece).append('\n');
                        piece.setLength(0);
                        returned = false;
                    } else if (c == '\r') {
                        pieces.accept(piece.toString());
                        returned = true;
                    } else {
                        if (returned) {
                            piece.setLength(0);
                            returned = false;
                        }
                        piece.append(c);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!piece.isEmpty() && !returned) {
            pieces.accept(piece.toString());
            lines.append(piece);
        }
        return lines.toString();
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
