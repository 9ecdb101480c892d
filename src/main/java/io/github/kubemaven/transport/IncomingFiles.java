package io.github.kubemaven.transport;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.stamp.UpToDateCheck;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files copy-out brought into a staging folder under {@code _output/}, moved into the tree one by one, each only
 * when {@link CopyOutDecision} allows it; the others are moved under the kept folder, and the user is told.
 */
public final class IncomingFiles {

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
     * Moves what {@code staging} holds into the tree.
     *
     * @param sent what sync-in sent (inputs and generated files); null when unknown, so only new files are written
     * @return the tree paths written, each with the entry of what was written, and the tree paths left as the user has
     * them, {@code _output/} left out of both
     */
    public Moved moveIntoTree(TreeSnapshot sent) {
        Map<String, TreeSnapshot.Entry> writtenPaths = new TreeMap<>();
        List<String> keptPaths = new ArrayList<>();
        if (!Files.isDirectory(staging)) {
            return new Moved(writtenPaths, keptPaths);
        }
        try {
            Files.walkFileTree(staging, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String relative = staging.relativize(file).toString();
                    Path target = root.resolve(relative);
                    boolean output = relative.startsWith("_output/");
                    if (output || decide(sent, relative, target) == CopyOutDecision.Verdict.WRITE) {
                        TreeSnapshot.Entry written = output ? null : TreeSnapshot.entryByContentOf(file);
                        Files.createDirectories(target.getParent());
                        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        if (written != null) {
                            writtenPaths.put(relative, written);
                        }
                    } else {
                        Path aside = kept.resolve(relative);
                        Files.createDirectories(aside.getParent());
                        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                        keptPaths.add(relative);
                        log.warn("Left " + relative + " as it is in the tree: it changed after the build read it. "
                                + "The build's version is in " + aside + ".");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            OutputFolder.deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not move the build's results from " + staging + " into " + root, e);
        }
        return new Moved(writtenPaths, keptPaths);
    }

    /**
     * What {@link #moveIntoTree} did: tree paths written, each with the entry of the copy written (taken before the
     * move, so an edit right after it does not pass for what the build wrote), and tree paths left as they are.
     */
    public record Moved(Map<String, TreeSnapshot.Entry> written, List<String> kept) {
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
