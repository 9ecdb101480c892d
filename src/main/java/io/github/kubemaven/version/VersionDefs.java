package io.github.kubemaven.version;

import io.github.kubemaven.ground.OutputFolder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version stamp of a build, as {@code hack/lib/version.sh} saves it in {@code .dockerized-kube-version-defs}.
 */
public record VersionDefs(String commit, String treeState, String version, String major, String minor) {

    /** Where the plugin keeps the stamp, relative to the tree's root: under {@code _output/}, so git never sees it. */
    public static final String PATH = OutputFolder.PLUGIN_FOLDER + "/version-defs";
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(KUBE_GIT_[A-Z_]+)=(?:'([^']*)'|\"([^\"]*)\"|(\\S*))\\s*$");

    public static VersionDefs empty() {
        return new VersionDefs("", "", "", "", "");
    }

    /** Reads a file in the shape {@code save_version_vars} writes (shell assignments, quoted or not). */
    public static VersionDefs parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            Matcher matcher = ASSIGNMENT.matcher(line);
            if (matcher.matches()) {
                String value = matcher.group(2) != null ? matcher.group(2)
                        : matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
                values.put(matcher.group(1), value);
            }
        }
        return new VersionDefs(values.getOrDefault("KUBE_GIT_COMMIT", ""), values.getOrDefault("KUBE_GIT_TREE_STATE", ""),
                values.getOrDefault("KUBE_GIT_VERSION", ""), values.getOrDefault("KUBE_GIT_MAJOR", ""),
                values.getOrDefault("KUBE_GIT_MINOR", ""));
    }

    public String toFileText() {
        return "KUBE_GIT_COMMIT='" + commit + "'\n"
                + "KUBE_GIT_TREE_STATE='" + treeState + "'\n"
                + "KUBE_GIT_VERSION='" + version + "'\n"
                + "KUBE_GIT_MAJOR='" + major + "'\n"
                + "KUBE_GIT_MINOR='" + minor + "'\n";
    }
}
