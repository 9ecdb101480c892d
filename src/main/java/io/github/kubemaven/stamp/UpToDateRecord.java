package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The up-to-date record of one command on one tree: whether the last success saw exactly what the tree holds now,
 * and the recording of a new success.
 * A success is recorded only when no source changed while the build ran, apart from files git ignores (which the
 * build itself writes, such as bindata.go): an edit made during the build may not be in its results.
 */
public final class UpToDateRecord {

    private final Path root;
    private final Path binaryDir;
    private final Path stampFile;
    private final String key;
    private final BuildLog log;
    private final boolean buildWritesTree;
    private TreeSnapshot before;
    private Map<String, String> contentBefore = Map.of();

    /**
     * @param buildWritesTree the build writes into the tree itself (bind mount, host build), so files it rewrites with
     *                        unchanged content must be told from edits: inputs are then hashed before it runs
     */
    public UpToDateRecord(Path root, Path binaryDir, Path stampFile, String key, boolean buildWritesTree, BuildLog log) {
        this.root = root;
        this.binaryDir = binaryDir;
        this.stampFile = stampFile;
        this.key = key;
        this.buildWritesTree = buildWritesTree;
        this.log = log;
    }

    /**
     * Looks at the tree; returns true, having said so, when the last successful build saw exactly this.
     * Otherwise forgets that build, so that a failure now leaves nothing recorded.
     */
    public boolean upToDate(boolean force, String commandLine) {
        before = TreeSnapshot.take(root, binaryDir);
        if (!force) {
            Optional<String> reason = UpToDateCheck.reasonToBuild(BuildStamp.read(stampFile), key, before, root, binaryDir);
            if (reason.isEmpty()) {
                log.info("Up to date: nothing changed since the last successful '" + commandLine
                        + "'; the build is skipped (-Dkube.force=true rebuilds).");
                return true;
            }
            log.info("Building because " + reason.get());
        }
        if (buildWritesTree) {
            contentBefore = new HashMap<>();
            before.inputs().keySet().forEach(path -> contentBefore.put(path, Hashing.sha256(root.resolve(path))));
        }
        try {
            Files.deleteIfExists(stampFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }

    /** The tree as {@link #upToDate} saw it, before the build. */
    public TreeSnapshot before() {
        return before;
    }

    /** Records the tree as this successful build left it. */
    public void recordSuccess() {
        TreeSnapshot after = TreeSnapshot.take(root, binaryDir);
        List<String> changed = changedInputs(before.inputs(), after.inputs());
        changed.removeAll(ignoredByGit(changed));
        if (changed.isEmpty()) {
            new BuildStamp(key, after).write(stampFile);
        } else {
            log.info("Not recording this build as up to date: " + changed.get(0) + (changed.size() > 1 ? " and " + (changed.size() - 1) + " more" : "")
                    + " changed while it ran");
        }
    }

    private List<String> changedInputs(Map<String, TreeSnapshot.Entry> earlier, Map<String, TreeSnapshot.Entry> later) {
        Set<String> paths = new TreeSet<>(earlier.keySet());
        paths.addAll(later.keySet());
        List<String> changed = new ArrayList<>();
        for (String path : paths) {
            TreeSnapshot.Entry old = earlier.get(path);
            TreeSnapshot.Entry current = later.get(path);
            Path file = root.resolve(path);
            if (old == null || current == null || UpToDateCheck.changed(old, current, file) && !rewrittenUnchanged(path, file)) {
                changed.add(path);
            }
        }
        return changed;
    }

    /** A file the build wrote again with the content it had before. */
    private boolean rewrittenUnchanged(String path, Path file) {
        String hash = contentBefore.get(path);
        return hash != null && hash.equals(Hashing.sha256(file));
    }

    /** Which of {@code paths} git ignores in the tree; none when the tree is no git checkout. */
    private Set<String> ignoredByGit(List<String> paths) {
        if (paths.isEmpty()) {
            return Set.of();
        }
        HostProcess.Result result = HostProcess.of("git", "-C", root.toString(), "check-ignore", "--stdin", "--no-index")
                .in(root).input(String.join("\n", paths) + "\n").capture();
        return result.exitCode() == 0 || result.exitCode() == 1 ? new HashSet<>(result.stdout().lines().toList()) : Set.of();
    }
}
