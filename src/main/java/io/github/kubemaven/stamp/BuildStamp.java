package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.tree.SnapshotFile;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the last successful build saw: a key over everything that is not a file (image, command, environment,
 * mode), the tree's snapshot after it, and the content hashes of its sources and generated files, by which a file
 * touched since with its content unchanged is told from an edit. Kept in {@code _output/kube-maven/}.
 */
public record BuildStamp(String key, TreeSnapshot snapshot, Map<String, String> contents) {

    private static final String KEY = "key";

    public BuildStamp(String key, TreeSnapshot snapshot) {
        this(key, snapshot, Map.of());
    }

    /** A key over the build's settings: the same settings give the same key, any change another. */
    public static String keyOf(String imageId, String mode, List<String> command, Map<String, String> environment) {
        StringBuilder text = new StringBuilder();
        text.append("image=").append(imageId).append('\n').append("mode=").append(mode).append('\n');
        for (String word : command) {
            text.append("arg=").append(word.length()).append(':').append(word).append('\n');
        }
        new TreeMap<>(environment).forEach((name, value) -> text.append("env=").append(name).append('=')
                .append(value.length()).append(':').append(value).append('\n'));
        return Hashing.sha256(text.toString());
    }

    public void write(Path file) {
        SnapshotFile.write(file, Map.of(KEY, key), snapshot, contents);
    }

    /** The stamp in {@code file}, or empty when there is none or it cannot be read. */
    public static Optional<BuildStamp> read(Path file) {
        return SnapshotFile.read(file).filter(contents -> contents.facts().containsKey(KEY))
                .map(contents -> new BuildStamp(contents.facts().get(KEY), contents.snapshot(), contents.contents()));
    }

    /** The key of the stamp in {@code file}, read without its snapshot. */
    public static Optional<String> keyIn(Path file) {
        return SnapshotFile.readFacts(file).map(facts -> facts.get(KEY));
    }
}
