package io.github.kubemaven.builders;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.SyncSettings;
import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.image.BuildContext;
import io.github.kubemaven.image.ImageSupplier;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.naming.TreeHash;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.stamp.BuildStamp;
import io.github.kubemaven.tree.DockerfileTemplate;
import io.github.kubemaven.tree.KubeTree;
import io.github.kubemaven.version.VersionDefs;
import io.github.kubemaven.version.VersionStamper;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What every container of one run shares: the engine, the tree's names on it, the build image, the command's
 * environment and version stamp, and the reaper that removes what the run started. Opened under the tree's lock.
 */
public final class ContainerSession implements AutoCloseable {

    private final Path root;
    private final DockerEngine engine;
    private final BuildNames names;
    private final HostIdentity host;
    private final String imageId;
    private final Map<String, String> environment;
    private final VersionDefs versionDefs;
    private final Long sourceDateEpoch;
    private final ContainerReaper reaper;
    private final BuildLog log;
    private final String helperImage;
    private final Runnable imageBuild;
    private final Long buildCpus;
    private final String crossImageId;
    private final boolean freshGoCache;
    private CompletableFuture<Void> imageReady;

    ContainerSession(Path root, DockerEngine engine, BuildNames names, HostIdentity host, String imageId,
                             Map<String, String> environment, VersionDefs versionDefs, Long sourceDateEpoch, BuildLog log) {
        this(root, engine, names, host, imageId, environment, versionDefs, sourceDateEpoch, log, names.image(), null, null, null, false);
    }

    /**
     * @param helperImage the image of the containers that only move files (data, rsync, seed): the cross image, which
     *                    is there before the build image is built
     * @param imageBuild  builds the build image, or null when it is current
     * @param buildCpus   the CPU limit of build containers in billionths of a CPU, or null for none
     * @param crossImageId the id of the cross image the build image is made from, or null when no image was prepared
     * @param freshGoCache the build commands take an empty Go build cache of their own (see {@link FreshGoCache})
     */
    ContainerSession(Path root, DockerEngine engine, BuildNames names, HostIdentity host, String imageId,
                     Map<String, String> environment, VersionDefs versionDefs, Long sourceDateEpoch, BuildLog log,
                     String helperImage, Runnable imageBuild, Long buildCpus, String crossImageId, boolean freshGoCache) {
        this.freshGoCache = freshGoCache;
        this.buildCpus = buildCpus;
        this.crossImageId = crossImageId;
        this.helperImage = helperImage;
        this.imageBuild = imageBuild;
        this.root = root;
        this.engine = engine;
        this.names = names;
        this.host = host;
        this.imageId = imageId;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        this.versionDefs = versionDefs;
        this.sourceDateEpoch = sourceDateEpoch;
        this.reaper = new ContainerReaper(engine);
        this.reaper.reportInterruptionTo(log::warn);
        this.log = log;
    }

    /** Bind mounts and published ports work on an engine of this machine only; refused before any container starts. */
    static void requireReachable(DockerEngine engine, SyncSettings sync) {
        if (engine.onThisMachine()) {
            return;
        }
        if (sync.bind()) {
            throw new KubeBuildException("kube.sync=bind mounts this tree into the build container, but the Docker engine at "
                    + engine.endpoint() + " is not on this machine and cannot see the tree.", Hints.BIND_NEEDS_LOCAL_ENGINE);
        }
        if (sync.transport() == SyncSettings.RsyncTransport.PORT) {
            throw new KubeBuildException("kube.rsyncTransport=port (or kube.rsyncPort) publishes the rsync daemon on the engine host's "
                    + "127.0.0.1, but the Docker engine at " + engine.endpoint() + " is not on this machine.", Hints.RSYNC_UNREACHABLE);
        }
    }

    /**
     * Stamps the version, connects to the engine, makes the build image ready (or, without {@code prepareImage},
     * requires it), and removes what dead runs of this tree left.
     */
    public static ContainerSession open(BuildSettings settings, KubeTree tree, HostIdentity host,
                                        Function<String, DockerEngine> connector, boolean prepareImage, BuildLog log) {
        String crossTag = crossTagOf(settings, tree);
        DockerfileTemplate dockerfile = tree.dockerfile();
        String crossImage = crossImageOf(settings, dockerfile);
        // the engine client takes a moment to load and connect, as git does to stamp the version: both at once
        CompletableFuture<DockerEngine> connecting = CompletableFuture.supplyAsync(() -> connector.apply(settings.engine().dockerHost()));
        CompletableFuture<String> serverVersion = connecting.thenApply(DockerEngine::serverVersion);
        BuildNames names;
        VersionDefs defs;
        Long sourceDateEpoch;
        try {
            names = BuildNames.of(treeHash(host, tree), tree.buildImageVersion(), crossTag);
            Stamp stamp = stamp(settings, tree, log);
            defs = stamp.defs();
            sourceDateEpoch = stamp.sourceDateEpoch();
        } catch (RuntimeException e) {
            connecting.thenAccept(DockerEngine::close);
            throw e;
        }

        DockerEngine engine = Futures.awaited(connecting);
        try {
            log.info("Docker engine " + Futures.awaited(serverVersion) + " at " + engine.endpoint());
            if (!engine.receivesCredentials()) {
                log.warn("Registry logins are not sent to the Docker engine at " + engine.endpoint() + ", which is reached over "
                        + "plain TCP: " + Hints.LOGINS_NEED_TLS);
            }
            requireReachable(engine, settings.sync());
            String imageId;
            String helperImage;
            String crossId = null;
            Runnable imageBuild = null;
            if (prepareImage) {
                ImageSupplier images = new ImageSupplier(engine, settings.engine().registry(), log);
                helperImage = crossImage + ":" + crossTag;
                crossId = images.ensureCrossImage(helperImage, settings.engine().offline());
                BuildContext context = writeContext(tree, dockerfile, names, crossImage, crossTag, crossId);
                Map<String, String> buildArguments = new LinkedHashMap<>(dockerfile.buildArguments(crossImage, crossTag));
                buildArguments.putAll(settings.proxies().asEnvironment());
                imageId = CONTEXT + context.fingerprint();
                if (!images.isCurrent(names, context)) {
                    imageBuild = () -> images.ensureBuildImage(names, context, buildArguments);
                }
            } else {
                var image = engine.inspectImage(names.image()).orElseThrow(() -> new KubeBuildException(
                        "There is no build output to copy: the build image " + names.image() + " does not exist.", Hints.BUILD_FIRST));
                imageId = identity(image);
                helperImage = names.image();
            }
            TreeCleanup cleanup = new TreeCleanup(engine, names, log);
            cleanup.leftoversOfDeadRuns();
            if (prepareImage) {
                cleanup.olderVersions();
            }
            Map<String, String> environment = MakeEnvironment.of(settings.make(), settings.proxies(), sourceDateEpoch);
            return new ContainerSession(tree.root(), engine, names, host, imageId, environment, defs, sourceDateEpoch, log,
                    helperImage, imageBuild, settings.engine().buildCpus(), crossId, settings.caches().freshGoCache());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The cross image's tag: kube.crossTag, else the tree's {@code build/build-image/cross/VERSION}. */
    static String crossTagOf(BuildSettings settings, KubeTree tree) {
        return settings.engine().crossTag() != null ? settings.engine().crossTag()
                : tree.crossTag().orElseThrow(() -> new KubeBuildException(
                "The tree has no build/build-image/cross/VERSION, so the cross image tag is unknown.", Hints.CROSS_TAG));
    }

    /** The cross image's repository: kube.crossImage, else the one the tree's Dockerfile names. */
    static String crossImageOf(BuildSettings settings, DockerfileTemplate dockerfile) {
        return settings.engine().crossImage() != null ? settings.engine().crossImage() : dockerfile.defaultCrossImage();
    }

    /** The version stamp of a run and its SOURCE_DATE_EPOCH. */
    record Stamp(VersionDefs defs, Long sourceDateEpoch) {
    }

    /** Computes the version stamp and writes it into the tree, as every run does first. */
    static Stamp stamp(BuildSettings settings, KubeTree tree, BuildLog log) {
        VersionStamper stamper = new VersionStamper(tree.root());
        VersionDefs defs = stamper.compute(settings.make().gitVersionFile());
        stamper.write(defs);
        log.debug("Version: " + defs.version() + " (" + defs.commit() + ", " + defs.treeState() + ")");
        return new Stamp(defs, stamper.sourceDateEpoch(settings.make().sourceDateEpoch()));
    }

    /** Writes the build image's context; its fingerprint names the image in the up-to-date records. */
    static BuildContext writeContext(KubeTree tree, DockerfileTemplate dockerfile, BuildNames names, String crossImage, String crossTag,
                                     String crossId) {
        Path contextDir = tree.outputRoot().resolve("images").resolve(names.image());
        return BuildContext.write(contextDir, dockerfile.render(crossImage, crossTag), tree.rsyncdScript(),
                Map.of("crossImageId", crossId, "buildArguments", new LinkedHashMap<>(dockerfile.buildArguments(crossImage, crossTag)).toString()));
    }

    /**
     * The up-to-date key of {@code command} run the way {@code sync} names, in the image built from {@code context},
     * with a fresh Go build cache or the one it shares.
     */
    static String recordKey(BuildContext context, String sync, boolean freshGoCache, List<String> command, Map<String, String> environment,
                            VersionDefs versionDefs) {
        return BuildStamp.keyOf(CONTEXT + context.fingerprint(), syncKey(sync, freshGoCache), command,
                MakeEnvironment.recorded(environment, versionDefs));
    }

    /** How the up-to-date key names the way a build ran: a build with a fresh Go build cache is another build. */
    private static String syncKey(String sync, boolean freshGoCache) {
        return freshGoCache ? sync + " FRESH_GO_CACHE" : sync;
    }

    /** What {@link #builtState} says of a run whose build image is built from {@code context}. */
    static BuiltState builtState(Stamp stamp, Map<String, String> environment, BuildContext context, String crossImage, String crossImageId,
                                 String goCache) {
        return new BuiltState(stamp.defs(), stamp.sourceDateEpoch(), BuiltState.flagsOf(environment), context.fingerprint(), crossImage,
                crossImageId, goCache);
    }

    /** The Go build cache a build used, as {@link BuiltState#goCache()} names it. */
    static String goCacheOf(BuildNames names, boolean bind, boolean freshGoCache) {
        if (freshGoCache) {
            return BuiltState.FRESH_GO_CACHE;
        }
        return bind ? BuiltState.TREE_GO_CACHE : "shared:" + names.goCacheVolume();
    }

    /**
     * What the up-to-date records know the build image by: the fingerprint of the context it was built from, which
     * every branch and checkout of the same toolchain shares, though each has an image of its own.
     */
    private static String identity(ImageInfo image) {
        String fingerprint = image.labels().get(ImageSupplier.FINGERPRINT_LABEL);
        return fingerprint != null ? CONTEXT + fingerprint : image.id();
    }

    private static final String CONTEXT = "context:";

    /** The image of the containers that only move files: data, rsync and seed containers. */
    public String helperImage() {
        return helperImage;
    }

    /**
     * Starts building the build image when it is not current, beside the file moves that need only the helper image;
     * at most once.
     */
    public synchronized void startImage() {
        if (imageReady == null) {
            imageReady = imageBuild == null ? CompletableFuture.completedFuture(null) : CompletableFuture.runAsync(imageBuild);
        }
    }

    /** Waits until the build image is current, building it first when nobody started that. */
    public void awaitImage() {
        startImage();
        Futures.awaited(imageReady);
    }

    /** The hash upstream gives a checkout: host, tree path and branch. */
    public static String treeHash(HostIdentity host, KubeTree tree) {
        return TreeHash.of(host.hostname(), tree.root().toString(), new VersionStamper(tree.root()).branch());
    }

    public Path root() {
        return root;
    }

    public DockerEngine engine() {
        return engine;
    }

    public BuildNames names() {
        return names;
    }

    public HostIdentity host() {
        return host;
    }

    /** The build command's environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * What the binaries this session brings out are built from, for packaging them later.
     *
     * @param bind whether the build container mounts the tree itself, and so its Go build cache in {@code _output/}
     */
    public BuiltState builtState(boolean bind) {
        String buildContext = imageId.startsWith(CONTEXT) ? imageId.substring(CONTEXT.length()) : null;
        return new BuiltState(versionDefs, sourceDateEpoch, BuiltState.flagsOf(environment), buildContext,
                crossImageId == null ? null : helperImage, crossImageId, goCacheOf(names, bind, freshGoCache));
    }

    /** Whether build commands take an empty Go build cache of their own instead of the shared one. */
    public boolean freshGoCache() {
        return freshGoCache;
    }

    public VersionDefs versionDefs() {
        return versionDefs;
    }

    public Long sourceDateEpoch() {
        return sourceDateEpoch;
    }

    /** Where the build container's binaries land in the tree: {@code _output/dockerized/bin}. */
    public Path binaryFolder() {
        return binaryFolderOf(root);
    }

    /** Where the build container's binaries land in the tree at {@code root}. */
    static Path binaryFolderOf(Path root) {
        return root.resolve(MakeEnvironment.OUTPUT_SUBPATH).resolve("bin");
    }

    /** The up-to-date key of {@code command} run in this session's build image the way {@code sync} names. */
    String recordKey(String sync, List<String> command) {
        return BuildStamp.keyOf(imageId, syncKey(sync, freshGoCache), command, MakeEnvironment.recorded(environment, versionDefs));
    }

    /** The CPU limit of build containers, in billionths of a CPU; null for none. */
    Long buildCpus() {
        return buildCpus;
    }

    public ContainerReaper reaper() {
        return reaper;
    }

    public BuildLog log() {
        return log;
    }

    @Override
    public void close() {
        CompletableFuture<Void> building = imageReady;
        if (building != null && !reaper.stopping()) {
            building.exceptionally(failure -> null).join();
        }
        try {
            reaper.close();
        } finally {
            engine.close();
        }
    }
}
