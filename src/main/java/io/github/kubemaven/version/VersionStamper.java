package io.github.kubemaven.version;

import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out a tree's version stamp the way upstream's build does, and reads the git facts that naming
 * and reproducibility need.
 */
public final class VersionStamper {

    private final Path root;

    public VersionStamper(Path root) {
        this.root = root;
    }

    /**
     * The version stamp: from {@code versionFile} when given (KUBE_GIT_VERSION_FILE), else from the tree's own
     * {@code hack/lib/version.sh}, else from git with the same rules.
     */
    public VersionDefs compute(Path versionFile) {
        if (versionFile != null) {
            if (!Files.isRegularFile(versionFile)) {
                throw new KubeBuildException("The version file " + versionFile + " does not exist.",
                        Hints.VERSION_FILE);
            }
            return VersionDefs.parse(read(versionFile));
        }
        if (Files.isRegularFile(root.resolve("hack/lib/version.sh"))) {
            return fromVersionScript();
        }
        return fromGit();
    }

    /**
     * Writes the stamp to {@link VersionDefs#PATH}, where the build reads it (upstream writes it at the top of the
     * tree, where git sees it as an untracked file); an unchanged stamp leaves the file alone.
     */
    public Path write(VersionDefs defs) {
        Path file = root.resolve(VersionDefs.PATH);
        try {
            String text = defs.toFileText();
            if (Files.isRegularFile(LinkFreePaths.requireNoLink(file), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return file;
            }
            OutputFolder.writeAtomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private VersionDefs fromVersionScript() {
        Path output;
        try {
            output = Files.createTempFile("kube-version-defs", ".sh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            String script = "KUBE_ROOT=\"$1\"; source \"$1/hack/lib/version.sh\" && kube::version::get_version_vars "
                    + "&& kube::version::save_version_vars \"$2\"";
            HostProcess.Result result = HostProcess.of("bash", "-c", script, "version", root.toString(), output.toString())
                    .in(root).environment(Map.of("KUBE_GIT_VERSION_FILE", "")).capture();
            if (!result.succeeded()) {
                throw new KubeBuildException("hack/lib/version.sh could not work out the tree's version: "
                        + (result.stdout() + result.stderr()).strip(),
                        Hints.GIT_STATE);
            }
            return VersionDefs.parse(read(output));
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // a temporary file; the system cleans it up
            }
        }
    }

    VersionDefs fromGit() {
        Optional<String> commit = git("rev-parse", "HEAD^{commit}");
        if (commit.isEmpty()) {
            return VersionDefs.empty();
        }
        HostProcess.Result status = HostProcess.of("git", "--work-tree", root.toString(), "status", "--porcelain").in(root).capture();
        String treeState = status.succeeded() && status.stdout().isBlank() ? "clean" : "dirty";
        String describe = git("describe", "--tags", "--match=v*", "--abbrev=14", commit.get() + "^{commit}").orElse("");
        return GitVersion.from(commit.get(), treeState, describe);
    }

    /** The current branch, or an empty string when HEAD is detached or the tree is not a git checkout. */
    public String branch() {
        return git("symbolic-ref", "--short", "-q", "HEAD").orElse("");
    }

    /** The commit time of HEAD in seconds since the epoch, when the tree is a git checkout. */
    public Optional<Long> headCommitTime() {
        return git("log", "-1", "--format=%ct", "HEAD").map(Long::parseLong);
    }

    /** SOURCE_DATE_EPOCH as {@code given}, else the commit time of HEAD, else none (null). */
    public Long sourceDateEpoch(Long given) {
        return given != null ? given : headCommitTime().orElse(null);
    }

    private Optional<String> git(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        HostProcess.Result result = HostProcess.of(command).in(root).capture();
        String out = result.stdout().strip();
        return result.succeeded() && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
