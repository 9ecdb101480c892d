package io.github.kubemaven.tree;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks what the user asks of a tree against what the tree says it can do, before any container starts:
 * platforms against the supported lists of {@code hack/lib/golang.sh}, and {@code WHAT} against its folders (or, for
 * {@code make test-cmd}, against the groups of {@code test/cmd}).
 */
public final class TreeInputs {

    static final String GOLANG_SH = "hack/lib/golang.sh";
    private static final Pattern SUPPORTED_LIST =
            Pattern.compile("KUBE_SUPPORTED_(?:SERVER|NODE|CLIENT|TEST)_PLATFORMS=\\(([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+");
    /** The make target whose WHAT names groups of command tests rather than packages. */
    private static final String COMMAND_TEST_TARGET = "test-cmd";
    private static final String IMPORT_PREFIX = "k8s.io/kubernetes/";
    private static final String COMMAND_TESTS = "test/cmd";
    private static final Pattern COMMAND_TEST_GROUP = Pattern.compile("^\\s*(?:function\\s+)?run_(\\w+)_tests\\s*\\(\\)",
            Pattern.MULTILINE);
    /** What {@code hack/make-rules/test-cmd.sh} takes in WHAT beside the groups: the kubeadm command tests. */
    private static final String KUBEADM_GROUP = "kubeadm";

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
    /** The platforms of a {@code KUBE_BUILD_PLATFORMS} value, such as {@code linux/amd64}; none when it is unset. */
    public static List<String> platformsOf(String platforms) {
        return platforms == null || platforms.isBlank() ? List.of() : List.of(platforms.strip().split("\\s+"));
    }

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
     * Fails naming the first entry of {@code what} that names no package of the tree. Entries may be written as
     * upstream's build takes them: {@code cmd/kubectl} (a trailing slash too), {@code ./pkg/kubectl/...},
     * {@code k8s.io/kubernetes/cmd/kubectl}, a vendored package or a staging module ({@code k8s.io/kubectl/...}, found
     * under {@code staging/src/} where {@code vendor/} has no link to it), a test binary ({@code test/e2e/e2e.test},
     * built from its folder), or {@code ginkgo} in a tree that vendors it.
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

    /** The folder of the tree a WHAT entry builds from, or null when it names none. */
    static Path folderOf(Path root, String entry) {
        if (entry.equals(GINKGO_ALIAS)) {
            return GINKGO_FOLDERS.stream().map(root::resolve).filter(Files::isDirectory).findFirst().orElse(null);
        }
        String path = entry;
        if (path.endsWith("/...")) {
            path = path.substring(0, path.length() - 4);
        } else if (path.equals("...")) {
            path = ".";
        }
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (TEST_BINARY.matcher(path).matches()) {
            path = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
        }
        if (path.startsWith(IMPORT_PREFIX)) {
            path = path.substring(IMPORT_PREFIX.length());
        }
        if (path.isEmpty() || path.equals(".")) {
            return root;
        }
        for (String base : List.of("", "vendor", STAGING)) {
            Path within = base.isEmpty() ? root : root.resolve(base);
            Path folder = within.resolve(path).normalize();
            if (folder.startsWith(within) && Files.isDirectory(folder)) {
                return folder;
            }
        }
        return null;
    }

    /** What upstream's golang.sh builds as a test binary: {@code go test -c} of the folder the name lies in. */
    private static final Pattern TEST_BINARY = Pattern.compile(".*[^/]\\.test(\\.exe)?");
    private static final String GINKGO_ALIAS = "ginkgo";
    private static final List<String> GINKGO_FOLDERS = List.of("vendor/github.com/onsi/ginkgo/v2/ginkgo", "vendor/github.com/onsi/ginkgo/ginkgo");
    private static final String STAGING = "staging/src";

    /**
     * The groups {@code make test-cmd} runs by name from WHAT: every {@code run_<group>_tests} function of
     * {@code test/cmd}, and {@code kubeadm}; empty when the tree has no {@code test/cmd}.
     */
    public static Set<String> commandTestGroups(Path root) {
        Path scripts = root.resolve(COMMAND_TESTS);
        if (!Files.isDirectory(scripts)) {
            return Set.of();
        }
        Set<String> groups = new TreeSet<>();
        try (Stream<Path> files = Files.list(scripts)) {
            for (Path script : files.filter(file -> file.getFileName().toString().endsWith(".sh")).toList()) {
                Matcher group = COMMAND_TEST_GROUP.matcher(Files.readString(script, StandardCharsets.UTF_8));
                while (group.find()) {
                    groups.add(group.group(1));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Set.of();
        }
        groups.add(KUBEADM_GROUP);
        return groups;
    }

    /**
     * {@link #checkWhat} for the test targets: {@code make test-cmd} reads WHAT as groups of {@code test/cmd}, the
     * other targets as packages. Fails naming the first entry its targets cannot take; since every target gets the
     * same WHAT, a WHAT beside test-cmd and another target is refused.
     */
    public static void checkTestWhat(Path root, Collection<String> targets, String what) {
        if (what == null || what.isBlank() || !targets.contains(COMMAND_TEST_TARGET)) {
            checkWhat(root, what);
            return;
        }
        List<String> packageTargets = targets.stream().filter(target -> !target.equals(COMMAND_TEST_TARGET)).toList();
        if (!packageTargets.isEmpty()) {
            throw new KubeBuildException("kube.what (WHAT) '" + what.strip() + "' goes to every test target, and " + COMMAND_TEST_TARGET
                    + " reads it as groups of its command tests, " + String.join(" and ", packageTargets) + " as packages.",
                    Hints.COMMAND_TESTS_ALONE);
        }
        Set<String> groups = commandTestGroups(root);
        if (groups.isEmpty()) {
            return;
        }
        for (String entry : what.strip().split("\\s+")) {
            if (!groups.contains(entry)) {
                throw new KubeBuildException("kube.what (WHAT) names '" + entry + "', which is no group of the command tests in "
                        + COMMAND_TESTS + ".", Hints.commandTestGroup(groups));
            }
        }
    }
}
