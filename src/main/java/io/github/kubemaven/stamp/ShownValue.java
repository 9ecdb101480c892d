package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.CredentialRedaction;
import io.github.kubemaven.version.VersionDefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a build setting's value the log and the up-to-date record may show: never a credential. The user-info of
 * every URL is hidden ({@link CredentialRedaction}), and so is a proxy's user and password written without a scheme
 * ({@code user:password@proxy:3128}); a variable whose name suggests a secret (a token, a password, a key) shows no
 * value at all, and neither does such an assignment in a command. Long values are cut short, image ids too.
 */
final class ShownValue {

    /** The name of the variable that holds the version stamp in a record's key. */
    static final String VERSION_DEFS = "kube-maven.version-defs";
    static final int LONGEST = 80;
    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(token|passw|pwd|secret|credential|auth|cookie|private_?key|access_?key|api_?key|(^|_)key(_|$)).*");
    private static final Pattern USER_INFO_WITHOUT_SCHEME = Pattern.compile("(^|[\\s,])[^\\s,@/]+@");
    private static final Pattern LONG_HEX = Pattern.compile("([0-9a-f]{12})[0-9a-f]{4,}");

    private ShownValue() {
    }

    /** Any value: credentials in URLs hidden, cut short past {@value #LONGEST} characters. */
    static String of(String value) {
        return shortened(CredentialRedaction.redact(value));
    }

    /** An image id or fingerprint, with its long hexadecimal runs cut to the twelve characters of a short id. */
    static String ofImage(String imageId) {
        return of(LONG_HEX.matcher(imageId).replaceAll("$1…"));
    }

    /**
     * A command, its words joined by spaces (quoted where they hold white space), the value of an assignment or option
     * whose name suggests a secret hidden, as is the word after such an option.
     */
    static String ofCommand(List<String> command) {
        List<String> shown = new ArrayList<>();
        boolean hideNext = false;
        for (String word : command) {
            int equals = word.indexOf('=');
            String name = equals > 0 ? word.substring(0, equals) : word;
            if (hideNext) {
                shown.add(CredentialRedaction.HIDDEN);
            } else if (equals > 0 && secretName(name)) {
                shown.add(name + "=" + CredentialRedaction.HIDDEN);
            } else {
                shown.add(word.chars().anyMatch(Character::isWhitespace) ? "'" + word + "'" : word);
            }
            hideNext = !hideNext && equals < 0 && word.startsWith("-") && secretName(name);
        }
        return of(String.join(" ", shown));
    }

    /**
     * The value of the variable {@code name}, as {@link #of}; for the version stamp, the version it gives; nothing for
     * a variable whose name suggests a secret.
     */
    static Optional<String> ofVariable(String name, String value) {
        if (name.equals(VERSION_DEFS)) {
            return Optional.of(of(version(VersionDefs.parse(value))));
        }
        if (secretName(name)) {
            return Optional.empty();
        }
        String redacted = CredentialRedaction.redact(value);
        if (name.toLowerCase(Locale.ROOT).contains("proxy")) {
            redacted = USER_INFO_WITHOUT_SCHEME.matcher(redacted).replaceAll("$1" + Matcher.quoteReplacement(CredentialRedaction.HIDDEN) + "@");
        }
        return Optional.of(shortened(redacted));
    }

    /**
     * The version a stamp gives, which names its commit and whether the tree was dirty; where it gives none, its
     * commit by short id and its tree state.
     */
    private static String version(VersionDefs defs) {
        if (!defs.version().isEmpty()) {
            return defs.version();
        }
        String commit = "commit " + (defs.commit().isEmpty() ? "unknown" : defs.commit().substring(0, Math.min(12, defs.commit().length())));
        return defs.treeState().isEmpty() ? commit : commit + " (" + defs.treeState() + ")";
    }

    /** Whether a variable, option or assignment named {@code name} may hold a secret, so that its value is never shown. */
    static boolean secretName(String name) {
        return SECRET_NAME.matcher(name.replaceFirst("^-+", "").toLowerCase(Locale.ROOT)).matches();
    }

    private static String shortened(String text) {
        return text.length() > LONGEST ? text.substring(0, LONGEST - 1) + "…" : text;
    }
}
