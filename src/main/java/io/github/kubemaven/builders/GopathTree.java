package io.github.kubemaven.builders;

import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The GOPATH that a tree building without Go modules is built from, laid out as the tree's own make lays it out:
 * {@code _output/local/go}, whose {@code src/k8s.io/kubernetes} is a link to the tree.
 */
final class GopathTree {

    static final String INIT_SH = "hack/lib/init.sh";
    private static final Pattern MODULES_OFF = Pattern.compile("^\\s*export\\s+GO111MODULE=off\\b", Pattern.MULTILINE);
    private static final String GOPATH = "_output/local/go";
    private static final String PACKAGE = "src/k8s.io/kubernetes";

    private final Path tree;
    private final Path gopath;
    private final Path link;

    private GopathTree(Path tree) {
        this.tree = tree;
        this.gopath = tree.resolve(GOPATH);
        this.link = gopath.resolve(PACKAGE);
    }

    /** Whether the tree's {@code hack/lib/init.sh} switches Go modules off for every build, as Kubernetes before 1.22 does. */
    static boolean modulesOff(Path tree) {
        Path init = tree.resolve(INIT_SH);
        try {
            return Files.isRegularFile(init) && MODULES_OFF.matcher(Files.readString(init, StandardCharsets.UTF_8)).find();
        } catch (IOException e) {
            return false;
        }
    }

    /** The GOPATH of {@code tree} (its canonical path), its link to the tree made or mended. */
    static GopathTree linked(Path tree) {
        GopathTree gopath = new GopathTree(tree);
        try {
            LinkFreePaths.createFolders(gopath.link.getParent());
            if (Files.isSymbolicLink(gopath.link)) {
                if (!Files.readSymbolicLink(gopath.link).equals(tree)) {
                    Files.delete(gopath.link);
                    Files.createSymbolicLink(gopath.link, tree);
                }
            } else if (Files.exists(gopath.link)) {
                throw new KubeBuildException(gopath.link + " is no link to the tree, so the GOPATH build cannot find it there.",
                        Hints.GOPATH_LINK);
            } else {
                Files.createSymbolicLink(gopath.link, tree);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not link " + gopath.link + " to " + tree, e);
        }
        return gopath;
    }

    Path root() {
        return gopath;
    }

    /** {@code directory} of the tree as seen through the GOPATH's link. */
    Path inside(Path directory) {
        return link.resolve(tree.relativize(directory).toString());
    }
}
