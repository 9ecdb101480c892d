package io.github.kubemaven.maven;

import io.github.kubemaven.ground.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleFooterTest {

    private static final String UP_ONE_AND_ERASE = "\u001B[1A\r\u001B[J";
    private static final String WRAP_OFF = "\u001B[?7l";
    private static final String WRAP_ON = "\u001B[?7h";

    /** What the console gets for footer lines. */
    private static String footer(String... lines) {
        return WRAP_OFF + String.join("", java.util.Arrays.stream(lines).map(line -> line + "\n").toList()) + WRAP_ON;
    }

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(screen, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private ConsoleFooter footer(int width) {
        return new ConsoleFooter(terminal, () -> { }, width, clock::get);
    }

    private String shown() {
        String text = screen.toString(StandardCharsets.UTF_8);
        screen.reset();
        return text;
    }

    @Test
    void aPhaseShowsItsTimeAndLatestLineBelowEachLogMessage() {
        try (ConsoleFooter footer = footer(80)) {
            Progress command = footer.open("command");
            assertThat(shown()).isEqualTo(footer("kube command 0:00"));

            clock.addAndGet(TimeUnit.SECONDS.toNanos(75));
            command.latestLine("+ go install k8s.io/kubernetes/cmd/kubectl");
            footer.around(() -> terminal.print("[INFO] + go install k8s.io/kubernetes/cmd/kubectl\n"));

            assertThat(shown()).isEqualTo(UP_ONE_AND_ERASE
                    + "[INFO] + go install k8s.io/kubernetes/cmd/kubectl\n"
                    + footer("kube command 1:15 | + go install k8s.io/kubernetes/cmd/kubectl"));

            command.close();
            assertThat(shown()).isEqualTo(UP_ONE_AND_ERASE);
            footer.around(() -> terminal.print("[INFO] Phase command: 75.0 s\n"));
            assertThat(shown()).isEqualTo("[INFO] Phase command: 75.0 s\n");
        }
    }

    @Test
    void aStatusWinsOverTheLatestLineAndTheTimeMovesWithoutOutput() {
        try (ConsoleFooter footer = footer(80)) {
            Progress sync = footer.open("sync in");
            sync.latestLine("ignored");
            sync.status("1,204 files, 12.5 MiB");
            clock.addAndGet(TimeUnit.SECONDS.toNanos(3));
            shown();
            footer.redraw();
            assertThat(shown()).isEqualTo(UP_ONE_AND_ERASE + footer("kube sync in 0:03 | 1,204 files, 12.5 MiB"));
        }
    }

    @Test
    void phasesAtOnceEachHaveALineAndAreErasedTogether() {
        try (ConsoleFooter footer = footer(80)) {
            footer.open("image").latestLine("Step 3/9 : RUN apt-get update");
            footer.open("sync in");
            shown();
            footer.around(() -> terminal.print("log\n"));
            assertThat(shown()).isEqualTo("\u001B[2A\r\u001B[J" + "log\n"
                    + footer("kube image 0:00 | Step 3/9 : RUN apt-get update", "kube sync in 0:00"));
        }
        assertThat(shown()).isEqualTo("\u001B[2A\r\u001B[J");
    }

    @Test
    void aLineLongerThanTheConsoleIsCutSoThatItNeverWraps() {
        try (ConsoleFooter footer = footer(40)) {
            footer.open("command").latestLine("x".repeat(100) + "\ttab and \u001B[31mcolour\u001B[0m");
            shown();
            footer.redraw();
            String screen = shown();
            assertThat(screen).startsWith(UP_ONE_AND_ERASE + WRAP_OFF).endsWith("\n" + WRAP_ON);
            String line = screen.substring(UP_ONE_AND_ERASE.length() + WRAP_OFF.length(), screen.length() - 1 - WRAP_ON.length());
            assertThat(line).hasSize(39).startsWith("kube command 0:00 | xxx").endsWith("...");
        }
    }

    @Test
    void aPhaseNameLongerThanTheConsoleIsCutToo() {
        try (ConsoleFooter footer = footer(20)) {
            footer.open("[ssh://builder.example.com:22] copy out");
            String screen = shown();
            assertThat(screen).isEqualTo(footer("kube [ssh://buil..."));
        }
    }

    @Test
    void controlCharactersAndEscapeCodesOfALineAreNotPassedToTheConsole() {
        try (ConsoleFooter footer = footer(80)) {
            footer.open("command").latestLine("\u001B[31mred\u001B[0m\tand\rback");
            shown();
            footer.redraw();
            assertThat(shown()).isEqualTo(UP_ONE_AND_ERASE + footer("kube command 0:00 | red and back"));
        }
    }

    @Test
    void onlyAnInteractiveConsoleThatUnderstandsCursorMovementOutsideCiGetsAFooter() {
        Map<String, String> xterm = Map.of("TERM", "xterm-256color");
        assertThat(ConsoleFooter.suits(true, false, true, xterm)).isTrue();
        assertThat(ConsoleFooter.suits(false, false, true, xterm)).as("-B").isFalse();
        assertThat(ConsoleFooter.suits(true, true, true, xterm)).as("a parallel build").isFalse();
        assertThat(ConsoleFooter.suits(true, false, false, xterm)).as("output to a file or pipe").isFalse();
        assertThat(ConsoleFooter.suits(true, false, true, Map.of("TERM", "dumb"))).isFalse();
        assertThat(ConsoleFooter.suits(true, false, true, Map.of())).as("no TERM").isFalse();
        assertThat(ConsoleFooter.suits(true, false, true, Map.of("TERM", "xterm", "CI", "true"))).isFalse();
        assertThat(ConsoleFooter.suits(true, false, true, Map.of("TERM", "xterm", "GITHUB_ACTIONS", "true"))).isFalse();
        assertThat(ConsoleFooter.suits(true, false, true, Map.of("TERM", "xterm", "CI", "false"))).isTrue();
    }

    @Test
    void elapsedTimeReadsAsMinutesAndSeconds() {
        assertThat(ConsoleFooter.elapsed(TimeUnit.SECONDS.toNanos(59))).isEqualTo("0:59");
        assertThat(ConsoleFooter.elapsed(TimeUnit.SECONDS.toNanos(61))).isEqualTo("1:01");
        assertThat(ConsoleFooter.elapsed(TimeUnit.MINUTES.toNanos(75))).isEqualTo("75:00");
    }
}
