package io.github.kubemaven.transport;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.stamp.UpToDateCheck;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Files copy-out brought into a staging folder under {@code _output/}, moved into the tree one by one, each only
 * when {@link CopyOutDecision} allows it; the others are moved under the kept folder, and the user is told.
 */
public final class IncomingFiles {

    /** How many of the files written into the tree outside {@code _output/} the log names. */
    private static final int SHOWN_WRITTEN = 5;

    private final Path root;
    private final Path staging;
    private final Path kept;
    private final BuildLog log;

    /**
     * @param staging where copy-out put what differs from the tree
     * @param kept    where incoming files that would replace the user's work go instead
     */
    public IncomingFiles(Path root, Path staging, Path kept, BuildLog log) {
        this.root = root;
        this.staging = staging;
        this.kept = kept;
        this.log = log;
    }

    /**
     * Moves what {@code staging} holds into the tree: regular files, and links whose target stays inside the tree
     * (relative, as the build made them). Anything else (a link out of the tree, a pipe, a socket, a device), and
     * any path that would be written through a link of the tree, is left out and named in one warning.
     *
     * @param sent    what sync-in sent (inputs and generated files); null when unknown, so only new files are written
     * @param skipped paths copy-out already left out as no regular file, folder or link
     * @return the tree paths written, each with the entry of what was written, and the tree paths left as the user has
     * them, {@code _output/} left out of both
     */
    public Moved moveIntoTree(TreeSnapshot sent, List<String> skipped) {
        return moveIntoTree(sent, skipped, Set.of());
    }

    /**
     * {@link #moveIntoTree(TreeSnapshot, List)}, leaving out every file under {@code _output/} whose SHA-256 is one of
     * {@code carried}: code generators the build volume was filled with from another build, which this tree's builds
     * did not make.
     */
    public Moved moveIntoTree(TreeSnapshot sent, List<String> skipped, Set<String> carried) {
        List<String> leftInVolume = new ArrayList<>();
        Map<String, TreeSnapshot.Entry> writtenPaths = new TreeMap<>();
        List<String> keptPaths = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        skipped.forEach(path -> refused.add(path + " (no regular file)"));
        if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            warnRefused(refused);
            return new Moved(writtenPaths, keptPaths, outputs);
        }
        try {
            Files.walkFileTree(staging, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String relative = TreeKeys.of(staging, file);
                    Optional<String> refusal = refusal(relative, file, attributes);
                    if (refusal.isPresent()) {
                        refused.add(relative + " (" + refusal.get() + ")");
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }
                    if (!carried.isEmpty() && relative.startsWith("_output/") && attributes.isRegularFile()
                            && carried.contains(Hashing.sha256(file))) {
                        leftInVolume.add(relative);
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }
                    try {
                        move(sent, relative, file, writtenPaths, keptPaths, outputs);
                    } catch (LinkFreePaths.LinkRefusedException e) {
                        refused.add(relative + " (" + root.relativize(e.found()) + " is a link or no folder)");
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            OutputFolder.deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not move the build's results from " + staging + " into " + root, e);
        }
        warnRefused(refused);
        if (!leftInVolume.isEmpty()) {
            log.info("Not copied out, as no build of this tree made them: " + String.join(", ", leftInVolume.stream()
                    .map(path -> path.substring(path.lastIndexOf('/') + 1)).distinct().toList())
                    + " (code generators the build volume was filled with from another build)");
        }
        if (!writtenPaths.isEmpty()) {
            List<String> shown = writtenPaths.keySet().stream().limit(SHOWN_WRITTEN).toList();
            log.info("Copied into the tree: " + String.join(", ", shown)
                    + (writtenPaths.size() > shown.size() ? " and " + (writtenPaths.size() - shown.size()) + " more" : ""));
        }
        return new Moved(writtenPaths, keptPaths, outputs);
    }

    private void move(TreeSnapshot sent, String relative, Path file, Map<String, TreeSnapshot.Entry> writtenPaths,
                      List<String> keptPaths, List<String> outputs) throws IOException {
        Path target = TreeKeys.path(root, relative);
        LinkFreePaths.requireNoLink(root, target.getParent());
        boolean output = relative.startsWith("_output/");
        if (output || decide(sent, relative, target) == CopyOutDecision.Verdict.WRITE) {
            TreeSnapshot.Entry written = output ? null : TreeSnapshot.entryByContentOf(file);
            LinkFreePaths.moveInto(root, file, target);
            if (written != null) {
                writtenPaths.put(relative, written);
            } else {
                outputs.add(relative);
            }
        } else {
            Path aside = TreeKeys.path(kept, relative);
            LinkFreePaths.moveInto(root, file, aside);
            keptPaths.add(relative);
            log.warn("Left " + relative + " as it is in the tree: it changed after the build read it. "
                    + "The build's version is in " + aside + ".");
        }
    }

    /** Why an incoming path may not enter the tree, or empty when it may. */
    private Optional<String> refusal(String relative, Path file, BasicFileAttributes attributes) throws IOException {
        if (attributes.isRegularFile()) {
            return Optional.empty();
        }
        if (!attributes.isSymbolicLink()) {
            return Optional.of("no regular file");
        }
        String target = Files.readSymbolicLink(file).toString();
        return LinkFreePaths.staysInside(root, relative, target) ? Optional.empty() : Optional.of("a link to " + target + ", out of the tree");
    }

    private void warnRefused(List<String> refused) {
        if (!refused.isEmpty()) {
            log.warn("Left out of the tree what the build made that is no regular file or link inside the tree: "
                    + String.join(", ", refused));
        }
    }

    /**
     * What {@link #moveIntoTree} did: tree paths written, each with the entry of the copy written (taken before the
     * move, so an edit right after it does not pass for what the build wrote), tree paths left as they are, and the
     * paths written under {@code _output/}.
     */
    public record Moved(Map<String, TreeSnapshot.Entry> written, List<String> kept, List<String> outputs) {
    }

    private CopyOutDecision.Verdict decide(TreeSnapshot sent, String relative, Path target) {
        TreeSnapshot.Entry before = sent == null ? null : entry(sent, relative);
        TreeSnapshot.Entry now = TreeSnapshot.entryOf(target);
        boolean unchanged = before != null && now != null && !UpToDateCheck.changed(before, now, target);
        boolean folderExists = Files.isDirectory(target.getParent(), LinkOption.NOFOLLOW_LINKS);
        return CopyOutDecision.decide(before, now, unchanged, folderExists);
    }

    private static TreeSnapshot.Entry entry(TreeSnapshot sent, String relative) {
        Map<String, TreeSnapshot.Entry> inputs = sent.inputs();
        TreeSnapshot.Entry entry = inputs.get(relative);
        return entry != null ? entry : sent.generated().get(relative);
    }
}
