package io.github.kubemaven.maven;

import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.orchestrate.KubeBuild;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Opens a shell in the build container with the tree synced in, as {@code build/shell.sh} does: with a terminal
 * when Maven has one, else reading commands from standard input.
 *
 * @since 0.1.0
 */
@Mojo(name = "shell", requiresProject = false, threadSafe = true)
public class ShellMojo extends AbstractKubeMojo {

    /**
     * A command for the shell to run instead of reading commands, for example {@code "make WHAT=cmd/kubectl"}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.shellCommand")
    protected String shellCommand;

    @Override
    protected String goalName() {
        return "kube:shell";
    }

    @Override
    protected void execute(KubeBuild build) {
        List<String> arguments = shellCommand == null || shellCommand.isBlank() ? List.of() : List.of("-c", shellCommand);
        boolean terminal = System.console() != null && shellCommand == null;
        if (!terminal) {
            build.shell(arguments, System.in, false, null);
            return;
        }
        String saved = stty("-g").strip();
        PrintStream out = System.out;
        DockerEngine.OutputSink raw = (bytes, offset, length) -> {
            out.write(bytes, offset, length);
            out.flush();
        };
        try {
            stty("raw", "-echo");
            build.shell(arguments, System.in, true, raw);
        } finally {
            stty(saved.isEmpty() ? "sane" : saved);
        }
    }

    private static String stty(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new KubeBuildException("Could not set up the terminal for the shell: " + e.getMessage(),
                    "Run kube:shell from a terminal, or give the command with -Dkube.shellCommand=...");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
