package io.github.kubemaven.ground;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command on the host and collects what it prints.
 */
public final class HostProcess {

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private HostProcess() {
    }

    public static Result run(Path directory, List<String> command, Map<String, String> environment, long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        Thread stopOnExit = stopWithJvm(process);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(124, stdout.getNow(""), "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while running " + command.get(0), null, e);
        } finally {
            forget(stopOnExit);
        }
    }

    /**
     * Runs a command with exactly {@code environment}, passing each line it prints (stdout and stderr together) to
     * {@code lines} as it comes; stops it and its children when the JVM is stopped meanwhile.
     *
     * @return its exit code
     * @throws IOException when it cannot be started
     */
    public static int stream(Path directory, List<String> command, Map<String, String> environment,
                             java.util.function.Consumer<String> lines) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        Thread stopOnExit = stopWithJvm(process);
        try (java.io.BufferedReader output = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.accept(line);
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while running " + String.join(" ", command), null, e);
        } finally {
            forget(stopOnExit);
        }
    }

    /** Stops {@code process} and its children when the JVM is stopped (Ctrl-C, SIGTERM) while it runs. */
    private static Thread stopWithJvm(Process process) {
        Thread hook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }, "kube-host-command-stopper");
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

    public static Result run(Path directory, List<String> command) {
        return run(directory, command, Map.of(), 120);
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
