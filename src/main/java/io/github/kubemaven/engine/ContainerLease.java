package io.github.kubemaven.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running container's promise to stop by itself once the run that started it is gone. Ctrl-C and failures remove
 * containers through the {@link ContainerReaper}, but a run killed outright, or cut off from an engine that stops
 * answering, cannot remove anything; so each running container watches a file the run touches every
 * {@link #RENEWAL} (through the Engine API, the one path a run has to its engine), and kills its own processes when
 * the file is older than {@link #TERM}. The watch runs beside the command under the engine's init process, which
 * ends the container when the command dies.
 */
public final class ContainerLease {

    public static final Duration RENEWAL = Duration.ofSeconds(15);
    public static final Duration TERM = Duration.ofSeconds(90);
    static final String FILE = "/tmp/.kube-maven-lease";

    private static final String WATCH = String.join("\n",
            "lease=" + FILE,
            "touch \"$lease\"",
            "(",
            "  while sleep 5; do",
            "    age=$(( $(date +%s) - $(stat -c %Y \"$lease\" 2>/dev/null || echo 0) ))",
            "    if [ \"$age\" -gt " + TERM.toSeconds() + " ]; then",
            "      echo \"kube-maven-plugin: no word from the run that started this container for $age s; stopping\" >&2",
            "      kill -KILL -1",
            "      exit 0",
            "    fi",
            "  done",
            ") </dev/null >/dev/null &",
            "exec \"$@\"");

    private ContainerLease() {
    }

    /** {@code command}, run with the lease's watch beside it. */
    public static List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(WRAPPER);
        wrapped.addAll(command);
        return wrapped;
    }

    private static final List<String> WRAPPER = List.of("sh", "-c", WATCH, "kube-maven-lease");

    /** The command {@link #wrap} was given, for a command it made; any other command as it is. */
    public static List<String> unwrap(List<String> command) {
        return command.size() >= WRAPPER.size() && command.subList(0, WRAPPER.size()).equals(WRAPPER)
                ? command.subList(WRAPPER.size(), command.size()) : command;
    }

    /** The command that renews a lease, run where the watch runs. */
    public static List<String> renewal() {
        return List.of("touch", FILE);
    }

    /** Renews the lease of a running container; false when the engine did not take it. */
    static boolean renew(DockerEngine engine, String id) {
        try {
            return engine.renewLease(id);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
