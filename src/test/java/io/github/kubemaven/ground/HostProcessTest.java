package io.github.kubemaven.ground;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostProcessTest {

    @Test
    void findsAProgramInTheFirstFolderOfThePathThatHoldsItAsAnExecutableFile(@TempDir Path folders)
            throws IOException {
        Path none = Files.createDirectories(folders.resolve("none"));
        Path plain = Files.createDirectories(folders.resolve("plain"));
        Path bin = Files.createDirectories(folders.resolve("bin"));
        Files.writeString(plain.resolve("docker"), "not executable");
        Files.createDirectories(none.resolve("docker"));
        Path docker = Files.writeString(bin.resolve("docker"), "#!/bin/sh\n");
        docker.toFile().setExecutable(true);

        assertThat(HostProcess.findOnPath("docker", none + ":" + plain + ":" + bin)).contains(docker);
        assertThat(HostProcess.findOnPath("docker", none + ":" + plain)).isEmpty();
        assertThat(HostProcess.findOnPath("docker", null)).isEmpty();
    }

    @Test
    void feedsStandardInputWhileDrainingBothOutputsSoNoSideBlocks() {
        String input = "0123456789abcdef\n".repeat(200_000);
        HostProcess.Result result = HostProcess.of("bash", "-c", "cat; head -c 3000000 /dev/zero | tr '\\0' e >&2")
                .input(input).timeout(Duration.ofSeconds(60)).capture();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).hasSize(input.length()).isEqualTo(input);
        assertThat(result.stderr()).hasSize(3_000_000);
    }

    @Test
    void streamsEveryLineAndKeepsTheLastOnesForAMessage() throws IOException {
        List<String> seen = new ArrayList<>();
        HostProcess.Outcome outcome = HostProcess.of("bash", "-c", "for i in $(seq 1 100); do echo line $i; done; echo oops >&2; exit 3")
                .stream(seen::add);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(seen).hasSize(101).startsWith("line 1").endsWith("oops");
        List<String> expectedTail = new ArrayList<>(IntStream.rangeClosed(72, 100).mapToObj(i -> "line " + i).toList());
        expectedTail.add("oops");
        assertThat(outcome.lastLines()).isEqualTo(expectedTail);
    }

    @Test
    void onlyEnvironmentPassesExactlyTheGivenVariables() throws IOException {
        List<String> seen = new ArrayList<>();
        HostProcess.of("/usr/bin/env").onlyEnvironment(Map.of("ONLY", "this")).stream(seen::add);
        assertThat(seen).containsExactly("ONLY=this");
        HostProcess.Result inherited = HostProcess.of("/usr/bin/env").environment(Map.of("ADDED", "too")).capture();
        assertThat(inherited.stdout()).contains("ADDED=too").contains("PATH=");
    }

    @Test
    void withoutInputTheCommandReadsAnEmptyStream() {
        assertThat(HostProcess.of("cat").timeout(Duration.ofSeconds(10)).capture()).isEqualTo(new HostProcess.Result(0, "", ""));
    }

    @Test
    void aMissingCommandIsExitCode127OrAnExceptionWhenStreaming() {
        HostProcess.Result result = HostProcess.of("no-such-command-here").capture();
        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr()).contains("no-such-command-here");
        assertThatThrownBy(() -> HostProcess.of("no-such-command-here").stream(line -> { })).isInstanceOf(IOException.class);
    }

    @Test
    void aCommandOverItsTimeIsStoppedWithItsChildren() {
        long start = System.nanoTime();
        HostProcess.Result result = HostProcess.of("bash", "-c", "sleep 30 & wait").timeout(Duration.ofMillis(500)).capture();
        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("").equals("sleep 30"))
                .filter(process -> process.parent().isEmpty() || process.parent().get().pid() == 1)).isEmpty();
    }

    @Test
    void aWatcherSeesEachRedrawnPieceAsItComesWhileTheResultKeepsWholeLines() {
        List<String> pieces = new java.util.concurrent.CopyOnWriteArrayList<>();
        HostProcess.Result result = HostProcess.of("printf", "10%%\\r50%%\\r100%%\\nsent\\r\\nlast")
                .watchOutput(pieces::add).capture();
        assertThat(result.exitCode()).isZero();
        assertThat(pieces).containsExactly("10%", "50%", "100%", "sent", "last");
        assertThat(result.stdout()).isEqualTo("100%\nsent\nlast");
    }
}
