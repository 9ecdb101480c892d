package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.tree.GitIgnored;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hard links to the binaries the last successful build of each branch left, and to the generated files git ignores
 * that its copy-out wrote into the tree (such as {@code pkg/generated/openapi/zz_generated.openapi.go}), so that a
 * branch built before gets them back instead of building them again; a checkout restores tracked files itself. A
 * link costs no space while the file it shares stays; copy-out replaces files by renaming new ones over them, which
 * leaves the linked ones as they were. A file written in place changes its time too, so a stash that no longer holds
 * what its build made is never restored.
 */
final class BinaryStash {

    /** How many branches keep their binaries; the least recently built go first. */
    static final int BRANCHES_KEPT = 4;

    private final Path folder;
    private final BuildLog log;

    BinaryStash(Path folder, BuildLog log) {
        this.folder = folder;
        this.log = log;
    }

    /**
     * Keeps for {@code scope} the binaries of {@code snapshot} (files of {@code binaryDir}) and those of its generated
     * files git ignores (files of {@code root}): the ones a checkout does not put back.
     */
    void keep(String scope, Path binaryDir, Path root, TreeSnapshot snapshot) {
        Map<String, TreeSnapshot.Entry> generated = new HashMap<>(snapshot.generated());
        generated.keySet().retainAll(GitIgnored.matchingRules(root, List.copyOf(snapshot.generated().keySet())));
        Path stash = folder.resolve(scope);
        OutputFolder.deleteTree(stash);
        try {
            link(snapshot.binaries(), binaryDir, stash);
            link(generated, root, stash.resolve(GENERATED));
            LinkFreePaths.createFolders(stash);
            Files.setLastModifiedTime(stash, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Not keeping this branch's binaries for later: " + e.getMessage());
            OutputFolder.deleteTree(stash);
        }
        forgetOldest();
    }

    private static void link(Map<String, TreeSnapshot.Entry> files, Path from, Path stash) throws IOException {
        for (Map.Entry<String, TreeSnapshot.Entry> file : files.entrySet()) {
            if (file.getValue().isFile()) {
                Path link = TreeKeys.path(stash, file.getKey());
                LinkFreePaths.createFolders(link.getParent());
                Files.createLink(link, TreeKeys.path(from, file.getKey()));
            }
        }
    }

    /** Where a branch's stash keeps generated files; binaries lie beside it, under their platform folders. */
    private static final String GENERATED = ".generated";

    /** Whether {@code scope}'s stash holds {@code path} of the tree as {@code wanted} knows it. */
    boolean holdsGenerated(String scope, String path, TreeSnapshot.Entry wanted) {
        Path kept = TreeKeys.path(folder.resolve(scope).resolve(GENERATED), path);
        TreeSnapshot.Entry keptEntry = TreeSnapshot.entryOf(kept);
        return wanted != null && wanted.isFile() && keptEntry != null && !UpToDateCheck.changed(wanted, keptEntry, kept);
    }

    /** Puts back {@code paths} of the tree from {@code scope}'s stash, each checked with {@link #holdsGenerated} first. */
    void restoreGenerated(String scope, Path root, List<String> paths) {
        Path stash = folder.resolve(scope).resolve(GENERATED);
        try {
            for (String path : paths) {
                Path target = TreeKeys.path(root, path);
                Path staged = LinkFreePaths.temporaryBeside(target);
                LinkFreePaths.createFolders(root, target.getParent());
                Files.createLink(staged, TreeKeys.path(stash, path));
                Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restore the generated files of an earlier build into " + root, e);
        }
        log.info("Restored " + paths.size() + " generated file" + (paths.size() == 1 ? "" : "s") + " git ignores of that build: "
                + String.join(", ", paths.subList(0, Math.min(3, paths.size()))) + (paths.size() > 3 ? ", …" : ""));
    }

    /**
     * Puts back the binaries {@code wanted} lists from {@code scope}'s stash, when the stash has each of them as
     * {@code wanted} knows it and {@code binaryDir} holds nothing {@code wanted} lacks.
     *
     * @return whether {@code binaryDir} now holds what {@code wanted} lists
     */
    boolean restore(String scope, Path binaryDir, Map<String, TreeSnapshot.Entry> wanted, Map<String, TreeSnapshot.Entry> now) {
        if (!wanted.keySet().containsAll(now.keySet())) {
            return false;
        }
        Path stash = folder.resolve(scope);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, TreeSnapshot.Entry> binary : wanted.entrySet()) {
            TreeSnapshot.Entry entry = binary.getValue();
            TreeSnapshot.Entry current = now.get(binary.getKey());
            if (current != null && !UpToDateCheck.changed(entry, current, TreeKeys.path(binaryDir, binary.getKey()))) {
                continue;
            }
            Path kept = TreeKeys.path(stash, binary.getKey());
            TreeSnapshot.Entry keptEntry = TreeSnapshot.entryOf(kept);
            if (!entry.isFile() || keptEntry == null || UpToDateCheck.changed(entry, keptEntry, kept)) {
                return false;
            }
            missing.add(binary.getKey());
        }
        try {
            for (String path : missing) {
                Path target = TreeKeys.path(binaryDir, path);
                LinkFreePaths.createFolders(target.getParent());
                Files.deleteIfExists(target);
                Files.createLink(target, TreeKeys.path(stash, path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restore the binaries of an earlier build into " + binaryDir, e);
        }
        log.info("Restored " + missing.size() + " binar" + (missing.size() == 1 ? "y" : "ies") + " of that build into " + binaryDir);
        return true;
    }

    private void forgetOldest() {
        if (!Files.isDirectory(LinkFreePaths.requireNoLink(folder), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> stashes = Files.list(folder)) {
            List<Path> byAge = stashes.sorted(Comparator.comparing(OutputFolder::modifiedOrEpoch).reversed()).toList();
            byAge.stream().skip(BRANCHES_KEPT).forEach(OutputFolder::deleteTree);
        } catch (IOException e) {
            log.debug("Could not look through " + folder + ": " + e.getMessage());
        }
    }
}
