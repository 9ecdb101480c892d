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
     * from the sender. With {@code keepGenerated} the container's own generated files are protected from deletion,
     * so make (whose state under .make/ stays in the volume too) redoes only those whose inputs changed;
     * without it they are deleted and all made again, as upstream does.
     */
    public static List<String> syncIn(boolean keepGenerated) {
        List<String> filters = new java.util.ArrayList<>(List.of(
                "H /.git",
                "- /.make/",
                "- /_tmp/",
                "- /_output/",
                "- /",
                "H zz_generated.*",
                "H generated.proto"));
        if (keepGenerated) {
            filters.add("P zz_generated.*");
            filters.add("P generated.proto");
        }
        return List.copyOf(filters);
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
