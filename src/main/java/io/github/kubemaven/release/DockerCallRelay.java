package io.github.kubemaven.release;

import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The plugin's side of a {@code docker} command for scripts on a machine that has none: a private folder with an
 * executable {@code bin/docker} (see {@code docker-relay.sh}) that hands each call, as a line of the script's output,
 * to {@link #handle}, which has {@code calls} make it and writes the answer to the FIFO the call waits on. A script
 * uses it with {@link #environment()} set, after
 * {@code exec {KUBE_MVN_DOCKER_CALLS}>&1; export KUBE_MVN_DOCKER_CALLS; PATH="$KUBE_MVN_DOCKER_RELAY/bin:$PATH"}.
 */
public final class DockerCallRelay implements AutoCloseable {

    /** One call: the caller's working folder and the arguments after {@code docker}. */
    public record Call(Path workingFolder, List<String> arguments) {
    }

    /** What the call prints and how it ends. */
    public record Answer(int exitCode, List<String> stdout, List<String> stderr) {
        public static Answer ok(List<String> stdout) {
            return new Answer(0, stdout, List.of());
        }

        public static Answer failed(String message) {
            return new Answer(1, List.of(), List.of(message));
        }
    }

    static final String MARKER = "KUBE_MVN_DOCKER";
    static final String FOLDER_VARIABLE = "KUBE_MVN_DOCKER_RELAY";

    private final Path folder;
    private final Function<Call, Answer> calls;
    private volatile RuntimeException failure;

    private DockerCallRelay(Path folder, Function<Call, Answer> calls) {
        this.folder = folder;
        this.calls = calls;
    }

    /**
     * @param calls makes one call; a {@link RuntimeException} it throws fails that call with the exception's message
     *              and is kept as {@link #failure()}
     */
    public static DockerCallRelay open(Function<Call, Answer> calls) {
        try {
            Path folder = Files.createTempDirectory("kube-docker-relay",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))).toRealPath();
            Path bin = Files.createDirectory(folder.resolve("bin"));
            Path docker = bin.resolve("docker");
            try (InputStream in = DockerCallRelay.class.getResourceAsStream("/io/github/kubemaven/release/docker-relay.sh")) {
                Files.write(docker, in.readAllBytes());
            }
            Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwx------"));
            return new DockerCallRelay(folder, calls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variable that turns the relay on in a script. */
    public Map<String, String> environment() {
        return Map.of(FOLDER_VARIABLE, folder.toString());
    }

    /**
     * Makes and answers the call a line of the script's output carries, if it carries one; the output before the call
     * on that line, if any, goes to {@code other}.
     *
     * @return whether the line carried a call
     */
    public boolean handle(String line, Consumer<String> other) {
        int at = line.indexOf(MARKER + "\t");
        if (at < 0) {
            return false;
        }
        String[] fields = line.substring(at).split("\t", -1);
        Path answerFifo = fields.length >= 3 ? answerFifo(fields[1]) : null;
        if (answerFifo == null) {
            return false;
        }
        if (at > 0) {
            other.accept(line.substring(0, at));
        }
        Answer answer;
        try {
            List<String> arguments = new ArrayList<>();
            for (int i = 3; i < fields.length; i++) {
                arguments.add(decoded(fields[i]));
            }
            answer = calls.apply(new Call(Path.of(decoded(fields[2])), arguments));
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            answer = Answer.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        write(answerFifo, answer);
        return true;
    }

    /** The first call that failed with an exception, or null. */
    public RuntimeException failure() {
        return failure;
    }

    /** The FIFO a call named, when it is one of this relay's. */
    private Path answerFifo(String named) {
        Path fifo = Path.of(named);
        if (!folder.equals(fifo.getParent()) || !fifo.getFileName().toString().startsWith("answer.")) {
            return null;
        }
        try {
            return Files.readAttributes(fifo, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther() ? fifo : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String decoded(String field) {
        try {
            return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new KubeBuildException("A docker call of the release scripts came garbled: " + field, null, e);
        }
    }

    private static void write(Path fifo, Answer answer) {
        StringBuilder text = new StringBuilder();
        answer.stdout().forEach(out -> out.lines().forEach(line -> text.append("out ").append(line).append('\n')));
        answer.stderr().forEach(err -> err.lines().forEach(line -> text.append("err ").append(line).append('\n')));
        text.append("exit ").append(answer.exitCode()).append('\n');
        try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the call was stopped meanwhile; its script's exit code tells the rest
        }
    }

    /** Removes the folder, and with it the FIFOs of calls that were stopped before their answer. */
    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a private temporary folder
        }
    }
}
