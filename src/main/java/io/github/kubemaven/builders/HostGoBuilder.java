package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.MakeEnvironment;
import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.ground.Progress;
import io.github.kubemaven.stamp.BuildStamp;
import io.github.kubemaven.tree.TreeSnapshot;
import io.github.kubemaven.version.VersionStamper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host-side build: the same make (or a quick {@code go build -v}) with the host's Go, no Docker.
 * Results go where upstream's local build puts them, {@code _output/local/bin/<os>/<arch>}.
 */
public final class HostGoBuilder implements Builder {

    /** Variables of the host's shell that say nothing about the build. */
    private static final List<String> SHELL_BOOKKEEPING = List.of("_", "OLDPWD", "PWD", "SHLVL");

    private final BuildSettings settings;
    private final GoToolchain go;
    private final PhaseTimer timer;
    private final BuildLog log;
    private final VersionStamper stamper;
    private final Long sourceDateEpoch;

    /** @param settings settings whose root is the tree's canonical path */
    public HostGoBuilder(BuildSettings settings, GoToolchain go, PhaseTimer timer, BuildLog log) {
        this.settings = settings;
        this.go = go;
        this.timer = timer;
        this.log = log;
        this.stamper = new VersionStamper(settings.root());
        this.sourceDateEpoch = stamper.sourceDateEpoch(settings.make().sourceDateEpoch());
    }

    @Override
    public String recordName() {
        return "local";
    }

    @Override
    public String recordKey(List<String> command) {
        Map<String, String> environment = environment();
        SHELL_BOOKKEEPING.forEach(environment::remove);
        return BuildStamp.keyOf("go " + go.version(), "LOCAL", command,
                MakeEnvironment.recorded(environment, stamper.compute(settings.make().gitVersionFile())));
    }

    @Override
    public Path binaryFolder() {
        return settings.root().resolve("_output/local/bin");
    }

    @Override
    public boolean writesTree() {
        return true;
    }

    /** Runs {@code command} (for example {@code make WHAT=cmd/kubectl}) in the tree on the host. */
    @Override
    public void run(List<String> command, TreeSnapshot tree, boolean copyOutput) {
        log.info("Go " + go.version() + " at " + go.goCommand());
        log.info("Running on the host in " + settings.root() + ": " + String.join(" ", command));
        execute(settings.root(), command, environment(), "mvn kube:build -Dkube.mode=local");
        timer.done("command");
    }

    /**
     * The quick path for one command: {@code go build -v} inside {@code cmd/<name>}, for the host platform;
     * the binary lands in that folder, as go build puts it. A tree whose {@code hack/lib/init.sh} switches Go modules
     * off (Kubernetes before 1.22 builds in GOPATH mode) is built as its own make builds it: from the GOPATH under
     * {@code _output/local/go}, whose {@code src/k8s.io/kubernetes} links to the tree.
     */
    public Path quickBuild(String what) {
        if (what == null || what.isBlank() || what.strip().contains(" ")) {
            throw new KubeBuildException("kube.quick builds exactly one command, and kube.what is '" + what + "'.", Hints.QUICK_ONE_COMMAND);
        }
        Path directory = settings.root().resolve(what.strip()).normalize();
        if (!directory.startsWith(settings.root()) || !Files.isDirectory(directory)) {
            throw new KubeBuildException("kube.what names " + what + ", which is no folder of the tree.", Hints.QUICK_COMMAND_FOLDER);
        }
        Map<String, String> environment = environment();
        Path buildIn = directory;
        String reproduce = "cd " + directory + " && go build -v";
        if (GopathTree.modulesOff(settings.root())) {
            GopathTree gopath = GopathTree.linked(settings.root());
            buildIn = gopath.inside(directory);
            environment.put("GO111MODULE", "off");
            environment.put("GOPATH", gopath.root().toString());
            // go takes its working folder from PWD when that names it, so the build sees the path inside the GOPATH
            environment.put("PWD", buildIn.toString());
            reproduce = "cd " + buildIn + " && GO111MODULE=off GOPATH=" + gopath.root() + " go build -v";
            log.info("Go " + go.version() + ": go build -v in " + directory + " (GOPATH mode at " + gopath.root()
                    + ", as the tree's " + GopathTree.INIT_SH + " switches Go modules off)");
        } else {
            log.info("Go " + go.version() + ": go build -v in " + directory);
        }
        execute(buildIn, List.of(go.goCommand().toString(), "build", "-v"), environment, reproduce);
        return directory.resolve(directory.getFileName().toString());
    }

    /**
     * The environment of a host-side build: the build's variables over the host's, with this Go first on PATH and, unless
     * the user chose a toolchain, FORCE_HOST_GO so that the tree builds with it.
     */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        Map<String, String> build = MakeEnvironment.of(settings.make(), settings.proxies(), sourceDateEpoch);
        build.remove("KUBE_OUTPUT_SUBPATH");
        build.remove("KUBE_GIT_VERSION_FILE");
        build.remove("KUBE_BUILDER_OS");
        if (settings.make().goproxy() == null) {
            build.remove("GOPROXY");
        }
        environment.putAll(build);
        if (settings.make().gitVersionFile() != null) {
            environment.put("KUBE_GIT_VERSION_FILE", settings.make().gitVersionFile().toString());
        } else {
            environment.remove("KUBE_GIT_VERSION_FILE");
        }
        environment.put("PATH", go.binDirectory() + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("GOROOT", go.binDirectory().getParent().toString());
        String toolchain = environment.get("GOTOOLCHAIN");
        if ((toolchain == null || toolchain.isEmpty() || toolchain.equals("auto")) && environment.getOrDefault("FORCE_HOST_GO", "").isBlank()) {
            // the Go found here is at least the tree's .go-version; without this, a tree since 1.30 sets GOTOOLCHAIN to
            // exactly its .go-version and a newer host Go would download that one instead of building
            environment.put("FORCE_HOST_GO", "y");
        }
        return environment;
    }

    private void execute(Path directory, List<String> command, Map<String, String> environment, String reproduce) {
        HostProcess.Outcome outcome;
        try (Progress progress = log.progress("command")) {
            outcome = HostProcess.of(command).in(directory).onlyEnvironment(environment).stream(line -> {
                progress.latestLine(line);
                log.output(line);
            });
        } catch (IOException e) {
            throw new KubeBuildException("Could not run " + command.get(0) + ": " + e.getMessage(), Hints.HOST_TOOLS);
        }
        if (!outcome.succeeded()) {
            List<String> shown = command.get(0).endsWith("/go") ? List.of("go", "build", "-v") : command;
            throw new CommandFailedException(String.join(" ", command), outcome.exitCode(), outcome.lastLines(),
                    Hints.reproduceOnHost(directory, String.join(" ", shown), reproduce));
        }
    }

    @Override
    public void close() {
        // nothing held between runs
    }
}
