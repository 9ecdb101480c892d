package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.tree.SnapshotFile;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /**
     * A key over the build's settings: the same settings give the same key, any change another. It is made of one
     * hash per part ({@code image}, {@code mode}, {@code command}, each variable of {@code environment}), so that
     * {@link #changedParts} can say which part changed.
     */
    public static String keyOf(String imageId, String mode, List<String> command, Map<String, String> environment) {
        StringBuilder key = new StringBuilder();
        key.append(IMAGE).append('=').append(partHash(imageId)).append(PART_SEPARATOR)
                .append(MODE).append('=').append(partHash(mode)).append(PART_SEPARATOR);
        StringBuilder words = new StringBuilder();
        for (String word : command) {
            words.append(word.length()).append(':').append(word).append('\n');
        }
        key.append(COMMAND).append('=').append(partHash(words.toString()));
        new TreeMap<>(environment).forEach((name, value) -> key.append(PART_SEPARATOR).append(ENVIRONMENT_PART).append(name.replace(PART_SEPARATOR, "_"))
                .append('=').append(partHash(value)));
        return key.toString();
    }

    static final String IMAGE = "image";
    static final String MODE = "mode";
    static final String COMMAND = "command";
    static final String ENVIRONMENT_PART = "env:";
    private static final String PART_SEPARATOR = ";";

    private static String partHash(String text) {
        return Hashing.sha256(text).substring(0, 32);
    }

    /**
     * The parts in which two keys of {@link #keyOf} differ, by name ({@code image}, {@code mode}, {@code command},
     * {@code env:NAME}), in that order; empty when either key is not of that form.
     */
    public static List<String> changedParts(String before, String now) {
        Map<String, String> old = parts(before);
        Map<String, String> current = parts(now);
        if (old.isEmpty() || current.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>(List.of(IMAGE, MODE, COMMAND));
        names.addAll(new TreeSet<>(old.keySet()));
        names.addAll(new TreeSet<>(current.keySet()));
        return names.stream().filter(name -> !Objects.equals(old.get(name), current.get(name))).toList();
    }

    private static Map<String, String> parts(String key) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : key.split(PART_SEPARATOR)) {
            int equals = part.indexOf('=');
            if (equals < 1) {
                return Map.of();
            }
            parts.put(part.substring(0, equals), part.substring(equals + 1));
        }
        return parts.containsKey(COMMAND) ? parts : Map.of();
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
