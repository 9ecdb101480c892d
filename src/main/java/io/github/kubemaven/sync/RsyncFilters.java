package io.github.kubemaven.sync;

import java.util.List;

/**
 * The rsync filter rules of the dockerized build, in the order rsync applies them.
 */
public final class RsyncFilters {

    private RsyncFilters() {
    }

    /**
     * Sources into the container: everything but git metadata and output folders.
     * Without {@code keepGenerated} (upstream's way) generated files are hidden from the sender, so the container's
     * copies are deleted and make generates them all again. With it the container mirrors the tree, generated files
     * included, and keeps generated files of its own that the tree lacks; make's own state (.make/) stays in the
     * volume, so make redoes only what is older than its inputs, as it does on the host.
     */
    public static List<String> syncIn(boolean keepGenerated) {
        if (keepGenerated) {
            return List.of(
                    "H /.git",
                    "- /.make/",
                    "- /_tmp/",
                    "- /_output/",
                    "- /",
                    "P zz_generated.*",
                    "P generated.proto");
        }
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
