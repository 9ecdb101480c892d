package io.github.kubemaven.sync;

import java.util.List;

/**
 * The rsync filter rules of the dockerized build, in the order rsync applies them.
 */
public final class RsyncFilters {

    private RsyncFilters() {
    }

    /**
     * Sources into the container: everything but git metadata and output folders. Generated files are hidden
     * from the sender, so copies left in the container from an earlier run are deleted and made again by make.
     */
    public static List<String> syncIn() {
        return List.of(
                "H /.git",
                "- /.make/",
                "- /_tmp/",
                "- /_output/",
                "- /",
                "H zz_generated.*",
                "H generated.proto");
    }

    /**
     * Results out of the container: the binaries under {@code _output/dockerized/bin} and the generated files,
     * and nothing else.
     */
    public static List<String> copyOut() {
        return List.of(
                "- /_temp/",
                "+ /vendor/",
                "+ /staging/***/Godeps/**",
                "+ /_output/dockerized/bin/**",
                "+ zz_generated.*",
                "+ generated.proto",
                "+ *.pb.go",
                "+ types.go",
                "+ */",
                "- /**");
    }
}
