package io.github.kubemaven.stamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubemaven.ground.Hashing;

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
 * The key of an up-to-date record: one hash per setting a build depends on (its image, the way it runs, its command
 * and each variable of its environment), so that the same settings give the same key and a change can be named by
 * the setting that changed; and beside the hashes, what of each setting's value may be shown ({@link ShownValue}), so
 * that a rebuild can say what the setting was and what it is. The hashes alone decide whether two keys are the same:
 * a key an older plugin recorded, which has no values, still matches.
 *
 * @param hashes one {@code name=hash} per part, {@code ;} between them; any other text for a key of another form
 * @param shown  the value each part may show, by part name; none for a part whose value is never shown, and none at
 *               all in a key an older plugin recorded
 */
public record RecordKey(String hashes, Map<String, String> shown) {

    static final String IMAGE = "image";
    static final String MODE = "mode";
    static final String COMMAND = "command";
    static final String ENVIRONMENT_PART = "env:";
    private static final String PART_SEPARATOR = ";";
    private static final String KEY_FACT = "key";
    private static final String SHOWN_FACT = "shown:";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RecordKey {
        shown = Map.copyOf(shown);
    }

    /** The key of a build in the image {@code imageId}, run the way {@code mode} names, of {@code command} in {@code environment}. */
    public static RecordKey of(String imageId, String mode, List<String> command, Map<String, String> environment) {
        StringBuilder hashes = new StringBuilder();
        Map<String, String> shown = new LinkedHashMap<>();
        hashes.append(IMAGE).append('=').append(partHash(imageId)).append(PART_SEPARATOR)
                .append(MODE).append('=').append(partHash(mode)).append(PART_SEPARATOR);
        shown.put(IMAGE, ShownValue.ofImage(imageId));
        shown.put(MODE, ShownValue.of(mode));
        StringBuilder words = new StringBuilder();
        for (String word : command) {
            words.append(word.length()).append(':').append(word).append('\n');
        }
        hashes.append(COMMAND).append('=').append(partHash(words.toString()));
        shown.put(COMMAND, ShownValue.ofCommand(command));
        new TreeMap<>(environment).forEach((name, value) -> {
            String part = ENVIRONMENT_PART + name.replace(PART_SEPARATOR, "_");
            hashes.append(PART_SEPARATOR).append(part).append('=').append(partHash(value));
            ShownValue.ofVariable(name, value).ifPresent(text -> shown.put(part, text));
        });
        return new RecordKey(hashes.toString(), shown);
    }

    private static String partHash(String text) {
        return Hashing.sha256(text).substring(0, 32);
    }

    /** Whether this key and {@code other} stand for the same settings, whatever each shows of them. */
    public boolean sameSettings(RecordKey other) {
        return hashes.equals(other.hashes);
    }

    /** Whether this key shows the values of its settings; a key an older plugin recorded does not. */
    boolean showsValues() {
        return !shown.isEmpty();
    }

    /** Whether this key has the part {@code name}, that is whether it was set, whether or not its value shows. */
    boolean hasPart(String name) {
        return parts(hashes).containsKey(name);
    }

    /**
     * The parts in which {@code before} and this key differ, by name ({@code image}, {@code mode}, {@code command},
     * {@code env:NAME}), in that order; empty when either key is not of that form.
     */
    List<String> changedSince(RecordKey before) {
        Map<String, String> old = parts(before.hashes);
        Map<String, String> current = parts(hashes);
        if (old.isEmpty() || current.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>(List.of(IMAGE, MODE, COMMAND));
        names.addAll(new TreeSet<>(old.keySet()));
        names.addAll(new TreeSet<>(current.keySet()));
        return names.stream().filter(name -> !Objects.equals(old.get(name), current.get(name))).toList();
    }

    private static Map<String, String> parts(String hashes) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : hashes.split(PART_SEPARATOR)) {
            int equals = part.indexOf('=');
            if (equals < 1) {
                return Map.of();
            }
            parts.put(part.substring(0, equals), part.substring(equals + 1));
        }
        return parts.containsKey(COMMAND) ? parts : Map.of();
    }

    /**
     * The key as one text, as a builder hands it over: the hashes alone when the key shows nothing, else the hashes
     * and the values as JSON. {@link #parse} reads it back.
     */
    public String text() {
        if (shown.isEmpty()) {
            return hashes;
        }
        try {
            return JSON.writeValueAsString(new Text(hashes, new TreeMap<>(shown)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the up-to-date key as JSON", e);
        }
    }

    /** The key {@link #text} made; any other text is a key of its own that shows nothing. */
    public static RecordKey parse(String text) {
        if (text.startsWith("{")) {
            try {
                Text read = JSON.readValue(text, Text.class);
                if (read.key() != null && read.shown() != null) {
                    return new RecordKey(read.key(), read.shown());
                }
            } catch (JsonProcessingException e) {
                return new RecordKey(text, Map.of());
            }
        }
        return new RecordKey(text, Map.of());
    }

    private record Text(String key, Map<String, String> shown) {
    }

    /** The key as facts of a record file: {@code key} holds the hashes, as it always has, and each value a fact of its own. */
    Map<String, String> facts() {
        Map<String, String> facts = new TreeMap<>();
        facts.put(KEY_FACT, hashes);
        shown.forEach((part, value) -> facts.put(SHOWN_FACT + part, value));
        return facts;
    }

    /** The key that {@link #facts} wrote; empty when the facts hold no key. */
    static Optional<RecordKey> fromFacts(Map<String, String> facts) {
        String hashes = facts.get(KEY_FACT);
        if (hashes == null) {
            return Optional.empty();
        }
        Map<String, String> shown = new TreeMap<>();
        facts.forEach((name, value) -> {
            if (name.startsWith(SHOWN_FACT)) {
                shown.put(name.substring(SHOWN_FACT.length()), value);
            }
        });
        return Optional.of(new RecordKey(hashes, shown));
    }
}
