package io.github.kubemaven.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code kube.*} properties a run was given, and the parameters the plugin's configuration in a pom names, that no
 * goal of the plugin reads: most often a typo ({@code -Dkube.platfroms=linux/arm64}, {@code <platfroms>}), which would
 * otherwise leave the build running with the default. Also the parameters of an execution's configuration that its
 * goals do not read, though other goals do.
 */
public final class UnknownProperties {

    private static final String PREFIX = "kube.";
    /** The most edits a typo is taken to be away from the property meant, and at most one per three letters of it. */
    private static final int NEAR = 3;

    private UnknownProperties() {
    }

    /**
     * One line for each of {@code given} that starts with {@code kube.} and is none of {@code known}, naming the
     * nearest known property where one is near.
     */
    public static List<String> warnings(Collection<String> given, Set<String> known) {
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(given)) {
            if (name.startsWith(PREFIX) && !known.contains(name)) {
                warnings.add("The property " + name + " is read by no goal of this plugin, so it changes nothing"
                        + nearest(name, known, PREFIX.length()).map(near -> "; did you mean " + near + "?").orElse("."));
            }
        }
        return warnings;
    }

    /**
     * One line for each of {@code given}, the names under {@code <configuration>} of the plugin in {@code pom}, that is
     * none of {@code known}, the parameters and their aliases, naming the nearest known parameter where one is near.
     */
    public static List<String> configurationWarnings(Collection<String> given, Set<String> known, String pom) {
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(given)) {
            if (!known.contains(name)) {
                warnings.add("The parameter <" + name + "> in the plugin's configuration in " + pom
                        + " is read by no goal of this plugin, so it changes nothing"
                        + nearest(name, known, 0).map(near -> "; did you mean <" + near + ">?").orElse("."));
            }
        }
        return warnings;
    }

    /**
     * One line for each of {@code given}, parameters of the configuration of the execution {@code execution} in
     * {@code pom} that other goals of the plugin read but none of {@code goals}, the execution's.
     */
    public static List<String> executionWarnings(Collection<String> given, String execution, List<String> goals, String pom) {
        String readers = goals.size() == 1 ? "is not read by " + goals.get(0)
                : "is read by none of its goals (" + String.join(", ", goals) + ")";
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(given)) {
            warnings.add("The parameter <" + name + "> of execution '" + execution + "' in " + pom + " " + readers
                    + ", so it changes nothing.");
        }
        return warnings;
    }

    static Optional<String> nearest(String name, Set<String> known, int prefixLength) {
        String best = null;
        int bestDistance = Math.max(1, Math.min(NEAR, (name.length() - prefixLength) / 3)) + 1;
        String lowerName = name.toLowerCase(Locale.ROOT);
        for (String candidate : new TreeSet<>(known)) {
            int distance = distance(lowerName, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The edit distance of two names, a swap of two neighbouring letters counting as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
