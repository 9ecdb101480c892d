package io.github.kubemaven.uptodate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder();
            text.append("image=").append(imageId).append('\n').append("mode=").append(mode).append('\n');
            for (String word : command) {
                text.append("arg=").append(word.length()).append(':').append(word).append('\n');
            }
            new TreeMap<>(environment).forEach((name, value) -> text.append("env=").append(name).append('=')
                    .append(value.length()).append(':').append(value).append('\n'));
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
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
