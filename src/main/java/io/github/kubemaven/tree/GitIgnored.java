package io.github.kubemaven.tree;

import io.github.kubemaven.ground.HostProcess;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The files of a tree that git ignores: a generated file git ignores is the build's own output, written by copy-out
 * and left alone by a checkout, so the copy in the tree may come from another branch's build.
 */
public final class GitIgnored {

    private GitIgnored() {
    }

    /** Which of {@code paths} (relative to {@code root}) git ignores; none when the tree is no git checkout. */
    public static Set<String> among(Path root, Collection<String> paths) {
        if (paths.isEmpty()) {
            return Set.of();
        }
        HostProcess.Result result = HostProcess.of("git", "-C", root.toString(), "check-ignore", "--stdin", "--no-index")
                .in(root).input(String.join("\n", paths) + "\n").capture();
        return result.exitCode() == 0 || result.exitCode() == 1 ? new HashSet<>(result.stdout().lines().toList()) : Set.of();
    }
}
