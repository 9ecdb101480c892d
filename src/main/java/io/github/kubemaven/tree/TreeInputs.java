package io.github.kubemaven.tree;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what the user asks of a tree against what the tree says it can do, before any container starts:
 * platforms against the supported lists of {@code hack/lib/golang.sh}, and {@code WHAT} against its folders.
 */
public final class TreeInputs {

    static final String GOLANG_SH = "hack/lib/golang.sh";
    private static final Pattern SUPPORTED_LIST =
            Pattern.compile("KUBE_SUPPORTED_(?:SERVER|NODE|CLIENT|TEST)_PLATFORMS=\\(([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+");
    private static final String IMPORT_PREFIX = "k8s.io/kubernetes/";

    private TreeInputs() {
    }

    /** Every platform the tree's supported lists name; empty when the tree has no such lists. */
    public static Set<String> supportedPlatforms(Path root) {
        Path golang = root.resolve(GOLANG_SH);
        if (!Files.isRegularFile(golang)) {
            return Set.of();
        }
        String text;
        try {
            text = Files.readString(golang, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Set.of();
        }
        Set<String> platforms = new TreeSet<>();
        Matcher list = SUPPORTED_LIST.matcher(text);
        while (list.find()) {
            for (String word : list.group(1).replaceAll("#[^\\n]*", " ").split("\\s+")) {
                if (PLATFORM.matcher(word).matches()) {
                    platforms.add(word);
                }
            }
        }
        return platforms;
    }

    /**
     * Fails naming the first platform the tree cannot build, with the ones it can.
     *
     * @param platforms space-separated {@code os/arch} pairs (KUBE_BUILD_PLATFORMS), or empty for the tree's default
     */
    public static void checkPlatforms(Path root, String platforms) {
        if (platforms == null || platforms.isBlank()) {
            return;
        }
        Set<String> supported = supportedPlatforms(root);
        for (String platform : platforms.strip().split("\\s+")) {
            if (!PLATFORM.matcher(platform).matches()) {
                throw new KubeBuildException("kube.platforms (KUBE_BUILD_PLATFORMS) names '" + platform + "', which is no os/arch pair.",
                        Hints.PLATFORM_PAIR);
            }
            if (!supported.isEmpty() && !supported.contains(platform)) {
                throw new KubeBuildException("kube.platforms (KUBE_BUILD_PLATFORMS) names " + platform
                        + ", which this tree does not build (" + GOLANG_SH + ").",
                        Hints.choosePlatform(supported));
            }
        }
    }

    /**
     * Fails naming the first entry of {@code what} that is no folder of the tree. Entries may be written as
     * {@code cmd/kubectl}, {@code ./pkg/kubectl/...}, {@code k8s.io/kubernetes/cmd/kubectl} or a vendored package.
     */
    public static void checkWhat(Path root, String what) {
        if (what == null || what.isBlank()) {
            return;
        }
        for (String entry : what.strip().split("\\s+")) {
            if (folderOf(root, entry) == null) {
                throw new KubeBuildException("kube.what (WHAT) names '" + entry + "', which is no folder of " + root + ".",
                        Hints.WHAT_FOLDER);
            }
        }
    }

    static Path folderOf(Path root, String entry) {
        String path = entry;
        if (path.endsWith("/...")) {
            path = path.substring(0, path.length() - 4);
        } else if (path.equals("...")) {
            path = ".";
        }
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        if (path.startsWith(IMPORT_PREFIX)) {
            path = path.substring(IMPORT_PREFIX.length());
        }
        if (path.isEmpty() || path.equals(".")) {
            return root;
        }
        Path inTree = root.resolve(path).normalize();
        if (inTree.startsWith(root) && Files.isDirectory(inTree)) {
            return inTree;
        }
        Path vendor = root.resolve("vendor");
        Path vendored = vendor.resolve(path).normalize();
        return vendored.startsWith(vendor) && Files.isDirectory(vendored) ? vendored : null;
    }
}
