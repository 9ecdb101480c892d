package io.github.kubemaven.builders.containers;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.MakeSettings;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.image.BuildContext;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.naming.TreeHash;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.stamp.BuildStamp;
import io.github.kubemaven.tree.DockerfileTemplate;
import io.github.kubemaven.tree.KubeTree;
import io.github.kubemaven.version.VersionDefs;
import io.github.kubemaven.version.VersionStamper;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a run in containers decides from the tree and its settings before any engine answers: the cross image, the
 * names of the tree's containers, volumes and images, the version stamp, the build image's context, the command's
 * environment, its up-to-date key and what the binaries it brings are built from. The session opener and the quick
 * up-to-date check both start from here.
 */
public final class TreeRun {

    /** How the up-to-date records name a build image by the fingerprint of its context. */
    public static final String CONTEXT = "context:";

    private final BuildSettings settings;
    private final KubeTree tree;
    private final HostIdentity host;
    private final String crossTag;
    private final DockerfileTemplate dockerfile;
    private final String crossImage;
    /** What git says of the tree, asked once for every run derived from the first: the checkout does not change meanwhile. */
    private final GitAnswers git;

    private TreeRun(BuildSettings settings, KubeTree tree, HostIdentity host, GitAnswers git) {
        this.settings = settings;
        this.tree = tree;
        this.host = host;
        this.git = git;
        this.crossTag = settings.engine().crossTag() != null ? settings.engine().crossTag()
                : tree.crossTag().orElseThrow(() -> new KubeBuildException(
                "The tree has no build/build-image/cross/VERSION, so the cross image tag is unknown.", Hints.CROSS_TAG));
        this.dockerfile = tree.dockerfile();
        this.crossImage = settings.engine().crossImage() != null ? settings.engine().crossImage() : dockerfile.defaultCrossImage();
    }

    /**
     * The run of {@code tree} with {@code settings} as {@code host}: the cross image's tag is kube.crossTag, else the
     * tree's {@code build/build-image/cross/VERSION}; its repository kube.crossImage, else the one the tree's Dockerfile
     * names.
     */
    public static TreeRun of(BuildSettings settings, KubeTree tree, HostIdentity host) {
        return new TreeRun(settings, tree, host, new GitAnswers());
    }

    /** The same tree's run with {@code other} settings (another engine), sharing what git said of the tree. */
    public TreeRun with(BuildSettings other) {
        return new TreeRun(other, tree, host, git);
    }

    /** The settings the run was decided from. */
    public BuildSettings settings() {
        return settings;
    }

    /** The tree's folder. */
    public Path root() {
        return tree.root();
    }

    HostIdentity host() {
        return host;
    }

    /** The cross image's repository and tag. */
    public String crossReference() {
        return crossImage + ":" + crossTag;
    }

    /** The names of the tree's containers, volumes and images; asks git for the branch. */
    public BuildNames names() {
        return BuildNames.of(git.treeHash(host, tree), tree.buildImageVersion(), crossTag);
    }

    /** The hash upstream gives a checkout: host, tree path and branch. */
    public static String treeHash(HostIdentity host, KubeTree tree) {
        return TreeHash.of(host.hostname(), tree.root().toString(), new VersionStamper(tree.root()).branch());
    }

    /** The version stamp of a run and its SOURCE_DATE_EPOCH. */
    public record Stamp(VersionDefs defs, Long sourceDateEpoch) {
    }

    /** Computes the version stamp and writes it into the tree, as every run does first; once for the runs that share it. */
    public Stamp stamp(BuildLog log) {
        return git.stamp(settings.make(), () -> {
            VersionStamper stamper = new VersionStamper(tree.root());
            VersionDefs defs = stamper.compute(settings.make().gitVersionFile());
            stamper.write(defs);
            log.debug("Version: " + defs.version() + " (" + defs.commit() + ", " + defs.treeState() + ")");
            return new Stamp(defs, stamper.sourceDateEpoch(settings.make().sourceDateEpoch()));
        });
    }

    /** The tree hash and version stamps of one tree, each asked of git once. */
    private static final class GitAnswers {
        private String treeHash;
        private final Map<MakeSettings, Stamp> stamps = new HashMap<>();

        synchronized String treeHash(HostIdentity host, KubeTree tree) {
            if (treeHash == null) {
                treeHash = TreeRun.treeHash(host, tree);
            }
            return treeHash;
        }

        synchronized Stamp stamp(MakeSettings make, Supplier<Stamp> compute) {
            return stamps.computeIfAbsent(make, ignored -> compute.get());
        }
    }

    /** Writes the build image's context; its fingerprint names the image in the up-to-date records. */
    public BuildContext writeContext(BuildNames names, String crossId) {
        Path contextDir = tree.outputRoot().resolve("images").resolve(names.image());
        return BuildContext.write(contextDir, dockerfile.render(crossImage, crossTag), tree.rsyncdScript(),
                Map.of("crossImageId", crossId, "buildArguments", new LinkedHashMap<>(dockerfile.buildArguments(crossImage, crossTag)).toString()));
    }

    /** The build image's build arguments: the cross image, and the proxies. */
    Map<String, String> buildArguments() {
        Map<String, String> buildArguments = new LinkedHashMap<>(dockerfile.buildArguments(crossImage, crossTag));
        buildArguments.putAll(settings.proxies().asEnvironment());
        return buildArguments;
    }

    /** The build command's environment. */
    public Map<String, String> environment(Long sourceDateEpoch) {
        return MakeEnvironment.of(settings.make(), settings.proxies(), sourceDateEpoch);
    }

    /** Where the build container's binaries land in the tree: {@code _output/dockerized/bin}. */
    public Path binaryFolder() {
        return binaryFolderOf(tree.root());
    }

    /** Where the build container's binaries land in the tree at {@code root}. */
    static Path binaryFolderOf(Path root) {
        return root.resolve(MakeEnvironment.OUTPUT_SUBPATH).resolve("bin");
    }

    /**
     * The up-to-date key of {@code command} run the way {@code sync} names, in the build image the records know as
     * {@code image}, with a fresh Go build cache or the one it shares.
     */
    public static String recordKey(String image, String sync, boolean freshGoCache, List<String> command, Map<String, String> environment,
                                   VersionDefs versionDefs) {
        return BuildStamp.keyOf(image, freshGoCache ? sync + " FRESH_GO_CACHE" : sync, command,
                MakeEnvironment.recorded(environment, versionDefs));
    }

    /** The Go build cache a build used, as {@link BuiltState#goCache()} names it. */
    public static String goCacheOf(BuildNames names, boolean bind, boolean freshGoCache) {
        if (freshGoCache) {
            return BuiltState.FRESH_GO_CACHE;
        }
        return bind ? BuiltState.TREE_GO_CACHE : "shared:" + names.goCacheVolume();
    }
}
