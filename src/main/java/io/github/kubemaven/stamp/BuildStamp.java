package io.github.kubemaven.stamp;

import io.github.kubemaven.tree.SnapshotFile;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the last successful build saw: a key over everything that is not a file (image, command, environment,
 * mode), the tree's snapshot after it, and the content hashes of its sources and generated files, by which a file
 * touched since with its content unchanged is told from an edit. Kept in {@code _output/kube-maven/}.
 */
public record BuildStamp(RecordKey key, TreeSnapshot snapshot, Map<String, String> contents) {

    /** A stamp of the key {@code key} in the form {@link RecordKey#text} gives. */
    public BuildStamp(String key, TreeSnapshot snapshot) {
        this(RecordKey.parse(key), snapshot, Map.of());
    }

    /**
     * A key over the build's settings, in the form {@link RecordKey#text} gives: the same settings give the same key,
     * any change another.
     */
    public static String keyOf(String imageId, String mode, List<String> command, Map<String, String> environment) {
        return RecordKey.of(imageId, mode, command, environment).text();
    }

    public void write(Path file) {
        SnapshotFile.write(file, key.facts(), snapshot, contents);
    }

    /** The stamp in {@code file}, or empty when there is none or it cannot be read. */
    public static Optional<BuildStamp> read(Path file) {
        return SnapshotFile.read(file).flatMap(contents -> RecordKey.fromFacts(contents.facts())
                .map(key -> new BuildStamp(key, contents.snapshot(), contents.contents())));
    }

    /** The key of the stamp in {@code file}, read without its snapshot. */
    public static Optional<RecordKey> keyIn(Path file) {
        return SnapshotFile.readFacts(file).flatMap(RecordKey::fromFacts);
    }
}
