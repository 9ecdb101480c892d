package io.github.kubemaven.release;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.ground.TailLines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Makes the release tarballs from a tree whose binaries are in {@code _output/dockerized/bin}: the tree's own
 * {@code build/lib/release.sh} stages each tarball's contents (so layouts and binary lists are the tree's), and
 * {@link ReproducibleTarball} writes them to {@code _output/release-tars}.
 */
public final class ReleasePackager {

    static final String TARBALL_MARKER = "KUBE_MVN_TARBALL";
    /** The parts of a release, each made by one function of release.sh, in an order that meets their needs. */
    public static final Map<String, String> PARTS = orderedParts();
    private static final Map<String, Set<String>> NEEDS = Map.of(
            "node", Set.of("src"), "server", Set.of("src"), "final", Set.of("manifests"));

    private static Map<String, String> orderedParts() {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("src", "");
        parts.put("client", "package_client_tarballs");
        parts.put("manifests", "package_kube_manifests_tarball");
        parts.put("node", "package_node_tarballs");
        parts.put("server", "package_server_tarballs");
        parts.put("final", "package_final_tarball");
        parts.put("test", "package_test_tarballs");
        return java.util.Collections.unmodifiableMap(parts);
    }

    /** The parts asked for plus those they need (node and server hold the source tarball, final the manifests). */
    public static Set<String> withNeeds(Set<String> asked) {
        Set<String> unknown = new java.util.TreeSet<>(asked);
        unknown.removeAll(PARTS.keySet());
        if (!unknown.isEmpty()) {
            throw new KubeBuildException("kube.tarballs names " + unknown + ", which is no part of a release.",
                    Hints.chooseTarballs(PARTS.keySet()));
        }
        Set<String> parts = new java.util.LinkedHashSet<>();
        for (String part : PARTS.keySet()) {
            if (asked.contains(part) || asked.stream().anyMatch(other -> NEEDS.getOrDefault(other, Set.of()).contains(part))) {
                parts.add(part);
            }
        }
        return parts;
    }

    private final Path root;
    private final BuildLog log;
    private final Function<DockerCallRelay.Call, DockerCallRelay.Answer> dockerCalls;

    public ReleasePackager(Path root, BuildLog log) {
        this(root, log, null);
    }

    private ReleasePackager(Path root, BuildLog log, Function<DockerCallRelay.Call, DockerCallRelay.Answer> dockerCalls) {
        this.root = root;
        this.log = log;
        this.dockerCalls = dockerCalls;
    }

    /**
     * A packager whose release scripts find a {@code docker} command that hands each call to {@code dockerCalls}
     * (see {@link DockerCallRelay}), for a machine with no docker command of its own.
     */
    public ReleasePackager withDockerCalls(Function<DockerCallRelay.Call, DockerCallRelay.Answer> dockerCalls) {
        return new ReleasePackager(root, log, dockerCalls);
    }

    public Path tarsDirectory() {
        return root.resolve("_output/release-tars");
    }

    /**
     * @param mtime       the time stamped on every entry (SOURCE_DATE_EPOCH)
     * @param environment for the tree's scripts: KUBE_BUILD_PLATFORMS, KUBE_FASTBUILD, KUBE_GIT_VERSION_FILE, ...
     * @param leftOut     top-level folders of the tree that stay out of the source tarball (a Maven target folder)
     * @param parts       which tarballs to make (see {@link #PARTS}); their needs are added
     * @param cleanCommit the commit a clean git checkout is at, whose source tarball is then {@code git archive}'s, as
     *                    upstream makes it; null for a tree with changes or no git, whose files are packed instead
     */
    public List<ReleaseTarball> packageRelease(long mtime, Map<String, String> environment, Set<String> leftOut,
                                               Set<String> parts, String cleanCommit) {
        Set<String> chosen = withNeeds(parts);
        if (!Files.isRegularFile(root.resolve("build/lib/release.sh")) || !Files.isRegularFile(root.resolve("build/common.sh"))) {
            throw new KubeBuildException("The tree has no build/lib/release.sh and build/common.sh, which say how its release is laid out.",
                    Hints.RELEASE_SCRIPTS);
        }
        Path stage = root.resolve("_output/release-stage");
        Path tars = tarsDirectory();
        OutputFolder.deleteTree(stage);
        OutputFolder.deleteTree(tars);
        ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        Map<String, List<CompletableFuture<Path>>> writing = new LinkedHashMap<>();
        try {
            if (chosen.contains("src")) {
                Path source = tars.resolve("kubernetes-src.tar.gz");
                log.info("Building tarball: src");
                writing.put("src", List.of(writtenOn(writers, source, () -> {
                    if (cleanCommit != null) {
                        archiveCommit(cleanCommit, stage.resolve("kubernetes-src.tar"), source);
                    } else {
                        ReproducibleTarball.write(source, root, "kubernetes/", sourceFilter(leftOut), mtime);
                    }
                })));
            }
            Path script = stagingScript();
            try {
                for (String part : chosen) {
                    if (part.equals("src")) {
                        continue;
                    }
                    // a part's staging copies the tarballs it needs, so those are finished first
                    NEEDS.getOrDefault(part, Set.of()).forEach(need -> writing.getOrDefault(need, List.of()).forEach(Futures::awaited));
                    List<CompletableFuture<Path>> tarballs = new ArrayList<>();
                    for (String[] tarball : stage(script, List.of(PARTS.get(part)), environment)) {
                        Path file = insideOutput(Path.of(tarball[0]));
                        Path staging = insideOutput(Path.of(tarball[1]));
                        log.info("Building tarball: " + file.getFileName());
                        tarballs.add(writtenOn(writers, file,
                                () -> ReproducibleTarball.write(file, staging, "", onlyKubernetesIn(staging), mtime)));
                    }
                    writing.put(part, tarballs);
                }
            } finally {
                deleteQuietly(script);
            }
            return writing.values().stream().flatMap(List::stream).map(Futures::awaited).sorted().map(ReleaseTarball::of).toList();
        } finally {
            writers.shutdownNow();
            awaitStopped(writers);
        }
    }

    /** {@code tarball}, once {@code write} has written it on one of {@code writers}. */
    private static CompletableFuture<Path> writtenOn(ExecutorService writers, Path tarball, Runnable write) {
        return CompletableFuture.runAsync(write, writers).thenApply(written -> tarball);
    }

    /** Waits for tarball writers a failure or an interrupt stopped, so that none writes on after the goal ends. */
    private void awaitStopped(ExecutorService writers) {
        try {
            if (!writers.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("A tarball writer still runs a minute after packaging stopped; it ends with Maven.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The source tarball of a clean checkout: {@code git archive} of the commit, as upstream's
     * {@code package_src_tarball} makes it (entries without a prefix, git's modes with its default umask pinned, the
     * commit time), compressed the same way as every other tarball.
     */
    private void archiveCommit(String commit, Path archive, Path tarball) {
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HostProcess.Result result = HostProcess.of("git", "-c", "tar.umask=0002", "archive", "--format=tar", "-o", archive.toString(), commit)
                .in(root).capture();
        if (!result.succeeded()) {
            throw new KubeBuildException("git archive of commit " + commit + " failed: " + result.stderr().strip(), Hints.GIT_ARCHIVE);
        }
        ReproducibleTarball.compress(archive, tarball);
        deleteQuietly(archive);
    }

    private Path insideOutput(Path path) {
        return insideOutput(root, path);
    }

    /** A path the tree's release scripts named, when it lies under the tree's {@code _output/}; a failure otherwise. */
    static Path insideOutput(Path root, Path path) {
        Path output = root.resolve("_output");
        Path absolute = root.resolve(path).normalize();
        Path real = absolute;
        try {
            Path existing = absolute;
            while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                real = existing.toRealPath().resolve(existing.relativize(absolute));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!absolute.startsWith(output) || !real.startsWith(output)) {
            throw new KubeBuildException("The tree's release scripts named " + path + ", which is outside " + output + "; "
                    + "the plugin writes release files only there.",
                    Hints.RELEASE_PATHS);
        }
        return absolute;
    }

    /** The tree minus top-level {@code _*}, {@code .git*}, {@code .config*}, {@code .gsutil*}, as upstream's source tarball. */
    private Predicate<Path> sourceFilter(Set<String> leftOut) {
        return path -> {
            if (!path.getParent().equals(root)) {
                return true;
            }
            String name = path.getFileName().toString();
            return !(name.startsWith("_") || name.startsWith(".git") || name.startsWith(".config") || name.startsWith(".gsutil")
                    || name.equals(".dockerized-kube-version-defs") || leftOut.contains(name));
        };
    }

    private static Predicate<Path> onlyKubernetesIn(Path staging) {
        return path -> !path.getParent().equals(staging) || path.getFileName().toString().equals("kubernetes");
    }

    /** Whether the tree's release scripts build the server images with docker buildx (Kubernetes 1.27 and later). */
    public boolean buildsImagesWithBuildx() {
        try {
            return Files.readString(root.resolve("build/lib/release.sh")).contains("docker buildx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The base images the tree's server images build on, from its {@code kube::build::get_docker_wrapped_binaries}
     * ({@code <binary>,<base image>} pairs), as the environment sets them.
     */
    public List<String> serverImageBases(Map<String, String> environment) {
        String script = "source build/common.sh >/dev/null && for wrapped in $(kube::build::get_docker_wrapped_binaries amd64); do "
                + "echo \"${wrapped##*,}\"; done";
        HostProcess.Result result = HostProcess.of("bash", "-c", script).in(root).environment(environment).capture();
        if (!result.succeeded()) {
            throw new KubeBuildException("The tree's build/common.sh could not list its server images: " + result.stderr().strip(),
                    Hints.WITHOUT_SERVER_IMAGES);
        }
        return result.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).distinct().toList();
    }

    private List<String[]> stage(Path script, List<String> phases, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), root.toString()));
        command.addAll(phases);
        List<String[]> tarballs = new ArrayList<>();
        TailLines shown = new TailLines(20, log::info);
        HostProcess.Outcome outcome;
        DockerCallRelay relay = dockerCalls == null ? null : DockerCallRelay.open(dockerCalls);
        try {
            Map<String, String> variables = new LinkedHashMap<>(environment);
            if (relay != null) {
                variables.putAll(relay.environment());
            }
            outcome = HostProcess.of(command).in(root).environment(variables).stream(line -> {
                if (relay != null && relay.handle(line, shown)) {
                    return;
                }
                if (line.startsWith(TARBALL_MARKER + "\t")) {
                    String[] fields = line.split("\t");
                    tarballs.add(new String[] {fields[1], fields[2]});
                } else {
                    shown.accept(line);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
        RuntimeException callFailed = relay == null ? null : relay.failure();
        if (!outcome.succeeded()) {
            if (callFailed instanceof KubeBuildException refused) {
                throw refused;
            }
            if (callFailed != null) {
                throw new KubeBuildException("The tree's release staging (" + String.join(", ", phases) + ") failed with exit code "
                        + outcome.exitCode() + " after a docker call the engine refused: " + callFailed.getMessage(),
                        Hints.WITHOUT_SERVER_IMAGES, callFailed);
            }
            throw new KubeBuildException("The tree's release staging (" + String.join(", ", phases) + ") failed with exit code "
                    + outcome.exitCode() + ": " + String.join(" / ", shown.lines()), Hints.RELEASE_BINARIES);
        }
        if (callFailed != null) {
            log.warn("A docker call of the release scripts failed, and they went on: " + callFailed.getMessage());
        }
        return tarballs;
    }

    private Path stagingScript() {
        try (InputStream in = ReleasePackager.class.getResourceAsStream("/io/github/kubemaven/release/stage-release.sh")) {
            Path script = Files.createTempFile("kube-stage-release", ".sh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            script.toFile().deleteOnExit();
            Files.write(script, in.readAllBytes());
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
