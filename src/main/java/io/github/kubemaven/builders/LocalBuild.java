package io.github.kubemaven.builders;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The host-side build: the same make (or a quick {@code go build -v}) with the host's Go, no Docker.
 * Results go where upstream's local build puts them, {@code _output/local/bin/<os>/<arch>}.
 */
public final class LocalBuild {

    private static final int TAIL_LINES = 30;

    private final BuildSettings settings;
    private final GoToolchain go;
    private final BuildLog log;

    public LocalBuild(BuildSettings settings, GoToolchain go, BuildLog log) {
        this.settings = settings;
        this.go = go;
        this.log = log;
    }

    public String goVersion() {
        return go.version();
    }

    /** The environment of a host-side build: the build's variables over the host's, with this Go first on PATH. */
    public Map<String, String> environment(Long sourceDateEpoch) {
        Map<String, String> environment = new java.util.LinkedHashMap<>(System.getenv());
        Map<String, String> build = BuildEnvironment.of(settings, sourceDateEpoch, System.getenv("GOPROXY"));
        build.remove("KUBE_OUTPUT_SUBPATH");
        build.remove("KUBE_GIT_VERSION_FILE");
        build.remove("KUBE_BUILDER_OS");
        if (System.getenv("GOPROXY") == null) {
            build.remove("GOPROXY");
        }
        environment.putAll(build);
        if (settings.gitVersionFile() != null) {
            environment.put("KUBE_GIT_VERSION_FILE", settings.gitVersionFile().toString());
        } else {
            environment.remove("KUBE_GIT_VERSION_FILE");
        }
        environment.put("PATH", go.binDirectory() + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("GOROOT", go.binDirectory().getParent().toString());
        return environment;
    }

    /** Runs {@code command} (for example {@code make WHAT=cmd/kubectl}) in the tree on the host. */
    public void run(List<String> command, Long sourceDateEpoch) {
        log.info("Go " + go.version() + " at " + go.goCommand());
        log.info("Running on the host in " + settings.root() + ": " + String.join(" ", command));
        execute(settings.root(), command, environment(sourceDateEpoch), "mvn kube:build -Dkube.mode=local");
    }

    /**
     * The quick path for one command: {@code go build -v} inside {@code cmd/<name>}, for the host platform;
     * the binary lands in that folder, as go build puts it.
     */
    public Path quickBuild(String what, Long sourceDateEpoch) {
        if (what == null || what.isBlank() || what.strip().contains(" ")) {
            throw new KubeBuildException("kube.quick builds exactly one command, and kube.what is '" + what + "'.",
                    "Name one, for example -Dkube.what=cmd/kubelet.");
        }
        Path directory = settings.root().resolve(what.strip()).normalize();
        if (!directory.startsWith(settings.root()) || !Files.isDirectory(directory)) {
            throw new KubeBuildException("kube.what names " + what + ", which is no folder of the tree.",
                    "Name a command folder such as cmd/kubelet.");
        }
        List<String> command = new ArrayList<>(List.of(go.goCommand().toString(), "build", "-v"));
        log.info("Go " + go.version() + ": go build -v in " + directory);
        execute(directory, command, environment(sourceDateEpoch), "cd " + directory + " && go build -v");
        return directory.resolve(directory.getFileName().toString());
    }

    private void execute(Path directory, List<String> command, Map<String, String> environment, String reproduce) {
        Deque<String> tail = new ArrayDeque<>();
        int exitCode;
        try {
            exitCode = HostProcess.stream(directory, command, environment, line -> {
                log.output(line);
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            });
        } catch (IOException e) {
            throw new KubeBuildException("Could not run " + command.get(0) + ": " + e.getMessage(),
                    "Install it (make and Go are needed for kube.mode=local), or use the default kube.mode=docker.");
        }
        if (exitCode != 0) {
            throw new CommandFailedException(String.join(" ", command), exitCode, List.copyOf(tail),
                    "To reproduce it, run in " + directory + ": " + String.join(" ", command.get(0).endsWith("/go") ? List.of("go", "build", "-v") : command)
                            + " (" + reproduce + ")");
        }
    }
}
