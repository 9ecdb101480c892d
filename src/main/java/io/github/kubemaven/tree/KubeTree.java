package io.github.kubemaven.tree;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Kubernetes source tree says about its own dockerized build: the build-image version,
 * the cross image and its tag, and the build image's Dockerfile and rsyncd script.
 */
public final class KubeTree {

    public static final String BUILD_IMAGE_DIR = "build/build-image";
    static final String DEFAULT_BUILD_IMAGE_VERSION = "6";
    static final String DEFAULT_BASE_IMAGE_REGISTRY = "registry.k8s.io/build-image";
    private static final Pattern BASE_REGISTRY_DEFAULT =
            Pattern.compile("KUBE_BASE_IMAGE_REGISTRY=\"\\$\\{KUBE_BASE_IMAGE_REGISTRY:-([^}\"]+)}\"");

    private final Path root;

    private KubeTree(Path root) {
        this.root = root;
    }

    /**
     * Opens the tree at {@code root}, which must be the top of a Kubernetes checkout.
     */
    public static KubeTree open(Path root) {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            throw new KubeBuildException("The Kubernetes tree " + root + " does not exist.",
                    Hints.TREE_ROOT);
        }
        if (!Files.isDirectory(real.resolve("build")) || !Files.isRegularFile(real.resolve("Makefile"))) {
            throw new KubeBuildException(real + " is not the root of a Kubernetes tree (it needs a Makefile and a build/ folder).",
                    Hints.TREE_ROOT);
        }
        return new KubeTree(real);
    }

    public Path root() {
        return root;
    }

    public Path outputRoot() {
        return root.resolve("_output");
    }

    /** The build-image version, {@code build/build-image/VERSION}; trees that dropped the file use 6. */
    public String buildImageVersion() {
        return readFirstLine(root.resolve(BUILD_IMAGE_DIR).resolve("VERSION")).orElse(DEFAULT_BUILD_IMAGE_VERSION);
    }

    /** The cross image tag, {@code build/build-image/cross/VERSION}. */
    public Optional<String> crossTag() {
        return readFirstLine(root.resolve(BUILD_IMAGE_DIR).resolve("cross/VERSION"));
    }

    /** The tree's own Dockerfile for the build image, or the bundled one when the tree has none. */
    public DockerfileTemplate dockerfile() {
        Path own = root.resolve(BUILD_IMAGE_DIR).resolve("Dockerfile");
        String text = Files.isRegularFile(own) ? readString(own) : bundled("Dockerfile");
        return DockerfileTemplate.parse(text, baseImageRegistry() + "/kube-cross");
    }

    /** The tree's own rsyncd script, or the bundled one when the tree has none. */
    public String rsyncdScript() {
        Path own = root.resolve(BUILD_IMAGE_DIR).resolve("rsyncd.sh");
        return Files.isRegularFile(own) ? readString(own) : bundled("rsyncd.sh");
    }

    /** The registry {@code build/common.sh} takes kube-cross from when the Dockerfile only names it by build argument. */
    String baseImageRegistry() {
        Path common = root.resolve("build/common.sh");
        if (Files.isRegularFile(common)) {
            Matcher matcher = BASE_REGISTRY_DEFAULT.matcher(readString(common));
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return DEFAULT_BASE_IMAGE_REGISTRY;
    }

    private static Optional<String> readFirstLine(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return readString(file).lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String bundled(String name) {
        try (InputStream in = KubeTree.class.getResourceAsStream("/io/github/kubemaven/image/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + name + " is missing from the plugin");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
