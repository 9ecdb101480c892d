package io.github.kubemaven.stamp;

import java.util.List;

/**
 * What changed between the key of the last successful build and this build's, in words: each setting that changed,
 * with the value it had and the value it has where the keys show them ({@link ShownValue}), such as
 * {@code KUBE_BUILD_PLATFORMS changed: linux/amd64 → linux/amd64 linux/arm64}; the first two settings, and how many
 * more changed.
 */
final class KeyChange {

    static final String UNKNOWN = "the image, command, environment, platforms or version stamp changed";
    private static final String NOT_SET = "(not set)";

    private KeyChange() {
    }

    static String inWords(RecordKey before, RecordKey now) {
        List<String> changed = now.changedSince(before);
        if (changed.isEmpty()) {
            return UNKNOWN;
        }
        if (!before.showsValues() || !now.showsValues()) {
            return namesOnly(changed);
        }
        List<String> described = changed.stream().map(part -> described(part, before, now)).toList();
        return described.size() > 2
                ? described.get(0) + "; " + described.get(1) + "; and " + (described.size() - 2) + " more setting"
                + (described.size() == 3 ? "" : "s") + " changed"
                : String.join("; ", described);
    }

    /** The settings that changed, by name only, for a key recorded without its values. */
    private static String namesOnly(List<String> changed) {
        List<String> words = changed.stream().map(KeyChange::name).distinct().toList();
        return String.join(" and ", words.size() > 3 ? List.of(words.get(0), words.get(1), (words.size() - 2) + " more settings") : words)
                + " changed";
    }

    private static String described(String part, RecordKey before, RecordKey now) {
        String name = part.equals(RecordKey.ENVIRONMENT_PART + "KUBE_BUILD_PLATFORMS") ? "KUBE_BUILD_PLATFORMS" : name(part);
        if (part.startsWith(RecordKey.ENVIRONMENT_PART) && ShownValue.secretName(variable(part))) {
            return name + " changed (its value is not shown)";
        }
        String was = shown(part, before);
        String is = shown(part, now);
        if (was == null || is == null) {
            return name + " changed";
        }
        return name + " changed: " + was + " → " + is + (was.equals(is) ? " (in what is not shown)" : "");
    }

    /** What {@code key} shows of {@code part}: {@value #NOT_SET} when the key has no such part, null when it hides it. */
    private static String shown(String part, RecordKey key) {
        if (!key.hasPart(part)) {
            return NOT_SET;
        }
        String value = key.shown().get(part);
        return value == null ? null : value.isEmpty() ? "(empty)" : value;
    }

    private static String name(String part) {
        return switch (part) {
            case RecordKey.IMAGE -> "the build image";
            case RecordKey.MODE -> "the way the build runs (sync mode, Go build cache)";
            case RecordKey.COMMAND -> "the command";
            default -> {
                String variable = variable(part);
                yield switch (variable) {
                    case "KUBE_BUILD_PLATFORMS" -> "the platforms (KUBE_BUILD_PLATFORMS)";
                    case ShownValue.VERSION_DEFS -> "the version stamp (a new commit, tag or tree state)";
                    default -> variable;
                };
            }
        };
    }

    private static String variable(String part) {
        return part.substring(RecordKey.ENVIRONMENT_PART.length());
    }
}
