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
 * mode) and the tree's snapshot after it. Kept in {@code _output/kube-maven/}.
 */
public record BuildStamp(String key, TreeSnapshot snapshot) {

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
        SnapshotFile.write(file, Map.of("key", key), snapshot);
    }

    /** The stamp in {@code file}, or empty when there is none or it cannot be read. */
    public static Optional<BuildStamp> read(Path file) {
        return SnapshotFile.read(file).filter(contents -> contents.facts().containsKey("key"))
                .map(contents -> new BuildStamp(contents.facts().get("key"), contents.snapshot()));
    }
}
