package io.github.kubemaven.version;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code git describe --tags --abbrev=14} output into the semantic version Kubernetes stamps,
 * following the rules of {@code hack/lib/version.sh}.
 */
public final class GitVersion {

    private static final Pattern DISTANCE_TO_SUBVERSION = Pattern.compile("-(\\d+)-g([0-9a-f]{14})$");
    private static final Pattern DISTANCE_TO_TAG = Pattern.compile("-g([0-9a-f]{14})$");
    private static final Pattern MAJOR_MINOR = Pattern.compile("^v(\\d+)\\.(\\d+)(\\.\\d+)?(-.*)?(\\+.*)?$");
    private static final Pattern SEMVER =
            Pattern.compile("^v(\\d+)\\.(\\d+)(\\.\\d+)?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");

    private GitVersion() {
    }

    /**
     * @param commit    the full commit id
     * @param treeState {@code clean}, {@code dirty} or {@code archive}
     * @param describe  what {@code git describe} printed, or an empty string when no tag reaches the commit
     */
    public static VersionDefs from(String commit, String treeState, String describe) {
        if (describe == null || describe.isBlank()) {
            return new VersionDefs(commit, treeState, "", "", "");
        }
        String version = describe.strip();
        long dashes = version.chars().filter(c -> c == '-').count();
        if (dashes == 3) {
            version = DISTANCE_TO_SUBVERSION.matcher(version).replaceFirst(".$1+$2");
        } else if (dashes == 2) {
            version = DISTANCE_TO_TAG.matcher(version).replaceFirst("+$1");
        }
        if ("dirty".equals(treeState)) {
            version += "-dirty";
        }
        String major = "";
        String minor = "";
        Matcher parts = MAJOR_MINOR.matcher(version);
        if (parts.matches()) {
            major = parts.group(1);
            minor = parts.group(2) + (parts.group(4) != null && !parts.group(4).isEmpty() ? "+" : "");
        }
        if (!SEMVER.matcher(version).matches()) {
            throw new KubeBuildException("The tree's version '" + version + "' is not a valid semantic version.",
                    Hints.SEMANTIC_VERSION);
        }
        return new VersionDefs(commit, treeState, version, major, minor);
    }
}
