package io.github.kubemaven.tree;

import io.github.kubemaven.ground.HostProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a tree that git ignores: a generated file git ignores is the build's own output, written by copy-out
 * and left alone by a checkout, so the copy in the tree may come from another branch's build.
 */
public final class GitIgnored {

    private GitIgnored() {
    }

    /**
     * Which of {@code paths} (relative to {@code root}) git ignores: untracked files its ignore rules match. A tracked
     * file is git's, whatever the rules say. None when the tree is no git checkout.
     */
    public static Set<String> among(Path root, Collection<String> paths) {
        return checkIgnore(root, paths, List.of());
    }

    /** Which of {@code paths} git's ignore rules match, tracked or not; none when the tree is no git checkout. */
    public static Set<String> matchingRules(Path root, Collection<String> paths) {
        return checkIgnore(root, paths, List.of("--no-index"));
    }

    private static Set<String> checkIgnore(Path root, Collection<String> paths, List<String> options) {
        if (paths.isEmpty()) {
            return Set.of();
        }
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString(), "check-ignore", "--stdin"));
        command.addAll(options);
        HostProcess.Result result = HostProcess.of(command).in(root).input(String.join("\n", paths) + "\n").capture();
        return result.exitCode() == 0 || result.exitCode() == 1 ? new HashSet<>(result.stdout().lines().toList()) : Set.of();
    }
}
