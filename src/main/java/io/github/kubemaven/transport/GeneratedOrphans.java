package io.github.kubemaven.transport;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The deletion rule of the build volume: a generated file the volume keeps belongs to a package, and once the
 * package's folder holds no Go file in the tree (the package was deleted or moved), the file goes too. A folder
 * whose only Go file is a generated one the tree itself holds (Kubernetes checks some in, such as
 * {@code zz_generated.openapi.go} next to a BUILD file) is still a package.
 */
public final class GeneratedOrphans {

    private GeneratedOrphans() {
    }

    /**
     * @param inVolume   generated files the volume holds, relative to the tree's root
     * @param treeFiles  files of the tree, generated ones included, relative to its root
     * @return those of {@code inVolume} whose folder holds no Go file in the tree
     */
    public static List<String> find(Collection<String> inVolume, Collection<String> treeFiles) {
        Set<String> packages = new HashSet<>();
        for (String input : treeFiles) {
            if (input.endsWith(".go")) {
                packages.add(folderOf(input));
            }
        }
        return inVolume.stream().filter(file -> !packages.contains(folderOf(file))).sorted().toList();
    }

    static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /**
     * Sync-in rules that take {@code orphans} out of the volume even though generated files are protected there:
     * hidden from the sender, at risk on the receiver. They go before the rules that protect generated files.
     */
    public static List<String> removalRules(List<String> orphans) {
        return orphans.stream().flatMap(path -> {
            String pattern = "/" + RsyncFilters.literal(path);
            return java.util.stream.Stream.of("H " + pattern, "R " + pattern);
        }).toList();
    }
}
