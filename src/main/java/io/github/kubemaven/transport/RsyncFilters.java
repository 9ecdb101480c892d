package io.github.kubemaven.transport;

import io.github.kubemaven.ground.OutputFolder;

import java.util.ArrayList;
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
        return syncIn(keepGenerated, List.of());
    }

    /**
     * The sync-in rules, with {@code orphanRules} (see {@link GeneratedOrphans#removalRules}) ahead of the rules
     * that keep generated files. Of {@code _output/} only the version file goes in, so the build reads the stamp the
     * plugin worked out without a file of the plugin's at the top of the tree.
     */
    public static List<String> syncIn(boolean keepGenerated, List<String> orphanRules) {
        return syncIn(keepGenerated, orphanRules, List.of(), List.of());
    }

    /**
     * The sync-in rules, with {@code buildOwned} (generated files of the tree that git ignores, which copy-out wrote
     * from whichever branch built last) hidden from the sender as upstream hides every generated file: the volume
     * keeps its own copies, and make decides whether they are current; and with {@code remadeEveryRun} (files make
     * rewrites on every run when their content differs, see {@link io.github.kubemaven.tree.RemadeEveryRun})
     * protected: the volume keeps its copy where the tree has none, and takes the tree's where it has one.
     */
    public static List<String> syncIn(boolean keepGenerated, List<String> orphanRules, List<String> buildOwned,
                                      List<String> remadeEveryRun) {
        List<String> rules = new ArrayList<>(syncInSources());
        rules.addAll(orphanRules);
        buildOwned.forEach(path -> rules.add("H /" + literal(path)));
        remadeEveryRun.forEach(path -> rules.add("P /" + literal(path)));
        if (keepGenerated) {
            rules.addAll(List.of("P zz_generated.*", "P generated.proto"));
        } else {
            rules.addAll(List.of("H zz_generated.*", "H generated.proto"));
        }
        return rules;
    }

    /**
     * The sync-in rules of a tree whose generated code is committed ({@link io.github.kubemaven.tree.GeneratedCode}):
     * the volume mirrors the tree, generated files as every other source, so one deleted in the tree goes from the
     * volume too.
     */
    public static List<String> syncInSources() {
        return List.of(
                "H /.git",
                "- /.make/",
                "- /_tmp/",
                "+ /_output/",
                "+ /" + VERSION_FILE_FOLDER + "/",
                "+ /" + VERSION_FILE,
                "- /" + VERSION_FILE_FOLDER + "/*",
                "- /_output/*",
                "- /");
    }

    private static final String VERSION_FILE = io.github.kubemaven.version.VersionDefs.PATH;
    private static final String VERSION_FILE_FOLDER = OutputFolder.PLUGIN_FOLDER;

    /** The rules that list the generated files of the build volume (see {@link HostRsync#list}). */
    public static List<String> generatedListing() {
        return List.of(
                "- /.git/",
                "- /.make/",
                "- /.cache/",
                "- /_tmp/",
                "- /_output/",
                "+ */",
                "+ zz_generated.*",
                "+ generated.proto",
                "- *");
    }

    /** A path as an rsync pattern that matches only itself: wildcards escaped where the pattern has any. */
    static String literal(String path) {
        if (path.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
            return path;
        }
        return path.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /**
     * Results out of the container: the binaries under {@code _output/dockerized/bin} and the generated files,
     * and nothing else. make's state and the Go caches (the shared build cache is mounted under
     * {@code _output/dockerized/go}) hold neither, so rsync does not walk them.
     * With {@code platforms} (such as {@code linux/arm64}) named, only their binaries: an engine that builds a share
     * of the platforms brings back only those, never one its volume kept from a share it built before.
     */
    public static List<String> copyOut(List<String> platforms) {
        List<String> rules = new ArrayList<>(List.of(
                "- /_temp/",
                "- /.make/",
                "- /_output/dockerized/go/",
                "- /_output/local/",
                "+ /vendor/",
                "+ /staging/***/Godeps/**"));
        if (!platforms.isEmpty()) {
            for (String platform : platforms) {
                rules.add("+ /_output/dockerized/bin/" + literal(platform) + "/");
                rules.add("+ /_output/dockerized/bin/" + literal(platform) + "/**");
            }
            rules.add("- /_output/dockerized/bin/*/*/");
        }
        rules.addAll(List.of(
                "+ /_output/dockerized/bin/**",
                "+ zz_generated.*",
                "+ generated.proto",
                "+ *.pb.go",
                "+ types.go",
                "+ */",
                "- /**"));
        return List.copyOf(rules);
    }
}
