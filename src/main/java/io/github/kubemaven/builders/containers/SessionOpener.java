package io.github.kubemaven.builders.containers;

import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.ImageRegistry;
import io.github.kubemaven.config.SyncSettings;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.image.BuildContext;
import io.github.kubemaven.image.ImageSupplier;
import io.github.kubemaven.naming.BuildNames;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens the {@link ContainerSession} of a run: stamps the version, connects to the engine, makes the build image ready
 * (or requires it), and removes what dead runs of the tree left.
 */
public final class SessionOpener {

    private SessionOpener() {
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
     *
     * @param connector opens the engine at an address
     */
    public static ContainerSession open(TreeRun run, Function<String, DockerEngine> connector, boolean prepareImage, BuildLog log) {
        BuildSettings settings = run.settings();
        // the engine client takes a moment to load and connect, as git does to stamp the version: both at once
        CompletableFuture<DockerEngine> connecting = CompletableFuture.supplyAsync(() -> connector.apply(settings.engine().dockerHost()));
        CompletableFuture<String> serverVersion = connecting.thenApply(DockerEngine::serverVersion);
        BuildNames names;
        TreeRun.Stamp stamp;
        try {
            names = run.names();
            stamp = run.stamp(log);
        } catch (RuntimeException e) {
            connecting.thenAccept(DockerEngine::close);
            throw e;
        }

        DockerEngine engine = Futures.awaited(connecting);
        try {
            log.info(engine.describe(Futures.awaited(serverVersion)));
            if (!engine.receivesCredentials()) {
                log.warn("Registry logins are not sent to the Docker engine at " + engine.endpoint() + ", which is reached over "
                        + "plain TCP: " + Hints.LOGINS_NEED_TLS);
            }
            requireReachable(engine, settings.sync());
            String imageId;
            String helperImage;
            String crossId = null;
            Consumer<Map<String, String>> imageBuild = null;
            if (prepareImage) {
                ImageRegistry imageRegistry = settings.engine().imageRegistry();
                if (imageRegistry != null && settings.engine().offline()) {
                    log.info("Maven is offline (-o): the build image is neither pulled from nor pushed to kube.registry " + imageRegistry.repository());
                    imageRegistry = null;
                }
                ImageSupplier images = new ImageSupplier(engine, settings.engine().registry(), imageRegistry, log);
                helperImage = run.crossReference();
                crossId = images.ensureCrossImage(helperImage, settings.engine().offline());
                BuildContext context = run.writeContext(names, crossId);
                Map<String, String> buildArguments = run.buildArguments();
                imageId = TreeRun.CONTEXT + context.fingerprint();
                if (!images.isCurrent(names, context)) {
                    imageBuild = labels -> images.ensureBuildImage(names, context, buildArguments, labels);
                }
            } else {
                var image = engine.inspectImage(names.image()).orElseThrow(() -> new KubeBuildException(
                        "There is no build output to copy: the build image " + names.image() + " does not exist.", Hints.BUILD_FIRST));
                imageId = identity(image);
                helperImage = names.image();
            }
            TreeCleanup cleanup = new TreeCleanup(engine, names, log);
            cleanup.leftoversOfDeadRuns();
            engine.openRun(names.treeFilter());
            if (prepareImage) {
                if (cleanup.olderVersions()) {
                    TreeCleanup.unusedLayerStores(engine, run.host(), List.of(names.treeHash()), false, log);
                }
            }
            ContainerSession.Setup setup = new ContainerSession.Setup(run.root(), names, run.host(), imageId,
                    run.environment(stamp.sourceDateEpoch()), stamp.defs(), stamp.sourceDateEpoch(), helperImage, imageBuild,
                    settings.engine().buildCpus(), settings.engine().buildMemory(), crossId, settings.caches().freshGoCache());
            return new ContainerSession(engine, setup, log);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * What the up-to-date records know the build image by: the fingerprint of the context it was built from, which
     * every branch and checkout of the same toolchain shares, though each has an image of its own.
     */
    private static String identity(ImageInfo image) {
        String fingerprint = image.labels().get(ImageSupplier.FINGERPRINT_LABEL);
        return fingerprint != null ? TreeRun.CONTEXT + fingerprint : image.id();
    }
}
