package io.github.kubemaven.maven;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.HostTerminal;
import io.github.kubemaven.ground.KubeBuildException;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maven's console as {@code stty} sets and reads it through {@code /dev/tty}; a resize arrives as SIGWINCH, as it does
 * for {@code docker run -it}.
 */
final class SttyTerminal implements HostTerminal {

    private static final File TTY = new File("/dev/tty");
    private String saved;

    @Override
    public void enterRaw() {
        saved = stty("-g").strip();
        stty("raw", "-echo");
    }

    @Override
    public void restore() {
        stty(saved == null || saved.isEmpty() ? "sane" : saved);
    }

    @Override
    public Optional<Size> size() {
        return parseSize(stty("size"));
    }

    /** {@code stty size}'s answer, {@code rows columns}; empty when it is none, or no terminal's. */
    static Optional<Size> parseSize(String answer) {
        String[] parts = answer.strip().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            int rows = Integer.parseInt(parts[0]);
            int columns = Integer.parseInt(parts[1]);
            return rows > 0 && columns > 0 ? Optional.of(new Size(rows, columns)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Watch onResize(Runnable resized) {
        Signal winch = new Signal("WINCH");
        SignalHandler before = Signal.handle(winch, signal -> resized.run());
        return () -> Signal.handle(winch, before);
    }

    private static String stty(String... arguments) {
        List<String> command = new ArrayList<>(List.of("stty"));
        command.addAll(List.of(arguments));
        HostProcess.Result result = HostProcess.of(command).inputFrom(TTY).capture();
        if (result.exitCode() == 127) {
            throw new KubeBuildException("Could not set up the terminal for the shell: " + result.stderr(), Hints.SHELL_TERMINAL);
        }
        return result.stdout();
    }
}
