package io.github.kubemaven.orchestrate;

import io.github.kubemaven.builders.BindMountBuilder;
import io.github.kubemaven.builders.Builder;
import io.github.kubemaven.builders.ContainerBuilder;
import io.github.kubemaven.builders.GoToolchain;
import io.github.kubemaven.builders.HostGoBuilder;
import io.github.kubemaven.builders.QuickSkip;
import io.github.kubemaven.builders.RsyncPipelineBuilder;
import io.github.kubemaven.builders.ShardedBuilder;
import io.github.kubemaven.builders.containers.ContainerSession;
import io.github.kubemaven.builders.containers.SessionOpener;
import io.github.kubemaven.builders.containers.TreeRun;
import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.ClusterAddress;
import io.github.kubemaven.engine.cluster.SharePlacement;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.transport.HostRsync;
import io.github.kubemaven.transport.RsyncClient;
import io.github.kubemaven.tree.KubeTree;
import io.github.kubemaven.tree.TreeSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Picks the builder the settings ask for and makes it ready: the host's Go, the tree mounted into the build container,
 * or the rsync pipeline (the default).
 */
final class BuilderChoice {

    private final Workspace workspace;
    private final BuildSettings settings;
    private final KubeTree tree;
    private TreeRun run;

    BuilderChoice(Workspace workspace, KubeTree tree) {
        this.workspace = workspace;
        this.settings = workspace.settings();
        this.tree = tree;
    }

    /** The tree's run with the goal's settings; the runs on other engines derive from it and share its version stamp. */
    private synchronized TreeRun run() {
        if (run == null) {
            run = TreeRun.of(settings, tree, workspace.host());
        }
        return run;
    }

    /** The builder for {@code kube:build}, {@code kube:run} and {@code kube:test}; its image and volumes ready. */
    Builder open(PhaseTimer timer) {
        if (settings.mode() == BuildSettings.Mode.LOCAL) {
            return hostGo(timer);
        }
        List<String> platforms = settings.make().platformList();
        List<String> spread = spreadOver(platforms);
        if (!spread.isEmpty()) {
            Builder builder = openSpread(platforms, spread);
            timer.done("image");
            return builder;
        }
        if (settings.engine().spread()) {
            workspace.log().info("kube.engines names " + settings.engine().engines().size() + " engines, but there are no platforms "
                    + "to share out (kube.platforms names " + (platforms.isEmpty() ? "none" : "one") + "): building on the first");
        }
        ContainerBuilder builder = openContainerBuilder(timer);
        timer.done("image");
        return builder;
    }

    /**
     * Whether {@code command} was found up to date before the engine client loaded, and so skipped; false leaves the
     * check to the builder {@link #open} returns. Taken for one engine on a unix socket, in a container mode.
     */
    boolean skippedQuickly(List<String> command, CompletableFuture<TreeSnapshot> sources) {
        if (settings.mode() == BuildSettings.Mode.LOCAL || settings.force() || !settings.engine().engines().isEmpty()) {
            return false;
        }
        return workspace.glances().apply(settings.engine().dockerHost())
                .filter(glance -> QuickSkip.skipped(run(), glance, command, sources, workspace.log()))
                .isPresent();
    }

    /** The run on one engine: the first of kube.engines when it names several. */
    private TreeRun oneEngine() {
        List<String> engines = settings.engine().engines();
        return engines.isEmpty() ? run() : run().with(settings.withEngine(settings.engine().on(engines.get(0))));
    }

    /**
     * The engines several platforms are shared out over: those of kube.engines, or each node of kube.engine's cluster
     * that can build (unless the address names one); none for one platform.
     */
    private List<String> spreadOver(List<String> platforms) {
        if (platforms.size() < 2) {
            return List.of();
        }
        if (settings.engine().spread()) {
            return settings.engine().engines();
        }
        Optional<ClusterAddress> cluster = ClusterAddress.wholeCluster(settings.engine().dockerHost());
        if (cluster.isEmpty()) {
            return List.of();
        }
        Set<String> homeNodes = ShardedBuilder.lastEngines(tree.root(), platforms).stream().filter(ClusterAddress::names)
                .map(address -> ClusterAddress.parse(address).node()).filter(Objects::nonNull).collect(Collectors.toSet());
        SharePlacement.Request request = new SharePlacement.Request(platforms.size(), settings.engine().buildCpus(),
                settings.engine().buildMemory(), homeNodes, run().names().treeFilter());
        SharePlacement.Choice choice = SharePlacement.nodes(cluster.get(), request, settings.engine().retry());
        if (choice.said() != null) {
            workspace.log().info(choice.said());
        }
        return choice.addresses();
    }

    /** A pipeline on each engine (no more engines than platforms), each reporting under its address. */
    private Builder openSpread(List<String> platforms, List<String> addresses) {
        requireHostRsync();
        List<ShardedBuilder.Engine> engines = new ArrayList<>();
        try {
            for (String address : addresses) {
                if (engines.size() == platforms.size()) {
                    break;
                }
                try {
                    engines.add(openEngine(address));
                } catch (KubeBuildException e) {
                    if (!settings.engine().retry()) {
                        throw new KubeBuildException("Engine " + address + ": " + e.getMessage(), e.hint(), e);
                    }
                    workspace.log().warn("Engine " + address + " is left out (kube.engineRetry): " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            engines.forEach(engine -> engine.pipeline().close());
            throw e;
        }
        if (engines.isEmpty()) {
            throw new KubeBuildException("None of the engines " + String.join(", ", addresses) + " could be opened.", Hints.SHARE_FAILED);
        }
        return new ShardedBuilder(engines, platforms, settings.engine().retry(), tree.root(), workspace.log());
    }

    private ShardedBuilder.Engine openEngine(String address) {
        BuildLog log = workspace.log().prefixed("[" + address + "] ");
        ContainerSession session = SessionOpener.open(run().with(settings.withEngine(settings.engine().on(address))),
                workspace.connector(), true, log);
        try {
            session.addRsyncToHelperImage();
            return new ShardedBuilder.Engine(address, new RsyncPipelineBuilder(session, settings.sync(), settings.caches(),
                    rsyncClients(log), new PhaseTimer(log)));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    HostGoBuilder hostGo(PhaseTimer timer) {
        BuildSettings inTree = settings.root().equals(tree.root()) ? settings : settings.withRoot(tree.root());
        return new HostGoBuilder(inTree, GoToolchain.find(tree.root(), settings.goRoot()), timer, workspace.log());
    }

    /** A builder whose command runs in the build container, whatever {@code kube.mode} says (the shell goal's). */
    ContainerBuilder openContainerBuilder(PhaseTimer timer) {
        if (settings.sync().chosen()) {
            requireHostRsync();
        }
        ContainerSession session = SessionOpener.open(oneEngine(), workspace.connector(), true, workspace.log());
        try {
            if (settings.sync().bind() || mountsTheTree(session)) {
                return new BindMountBuilder(session, timer);
            }
            requireHostRsync();
            return new RsyncPipelineBuilder(session, settings.sync(), settings.caches(), rsyncClients(workspace.log()), timer);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * The rsync pipeline over what an earlier run left: no image is built and no data container made; null, said in the
     * log, where the builds mounted the tree for want of rsync in the build image and so left nothing to copy.
     */
    RsyncPipelineBuilder openExisting(PhaseTimer timer) {
        if (settings.sync().chosen()) {
            requireHostRsync();
        }
        ContainerSession session = SessionOpener.open(oneEngine(), workspace.connector(), false, workspace.log());
        try {
            if (!session.helperImageHasRsync() && !settings.sync().chosen() && session.engine().onThisMachine()
                    && session.engine().inspectContainer(session.names().dataContainer()).isEmpty()) {
                workspace.log().info("The build image " + session.helperImage() + " has no rsync, so builds mount the tree and write "
                        + "straight into it; there is nothing to copy.");
                session.close();
                return null;
            }
            requireHostRsync();
            session.addRsyncToHelperImage();
            return new RsyncPipelineBuilder(session, settings.sync(), settings.caches(), rsyncClients(workspace.log()), timer);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Whether the tree is to be mounted into the build container because the cross image has no rsync for the data and
     * rsync containers (today's kube-cross need not), as upstream's build/run.sh does on master: only where kube.sync
     * is unset and the engine can see the tree. Elsewhere those containers run an image that adds this machine's rsync.
     */
    private boolean mountsTheTree(ContainerSession session) {
        if (session.helperImageHasRsync()) {
            return false;
        }
        if (settings.sync().chosen() || !session.engine().onThisMachine()) {
            requireHostRsync();
            session.addRsyncToHelperImage();
            return false;
        }
        workspace.log().info("The cross image " + session.helperImage() + " has no rsync: the tree is mounted into the build container, as upstream's "
                + "build/run.sh does since Kubernetes dropped its rsync container (kube.sync=bind; kube.sync=rsync syncs it through an "
                + "image that adds this machine's rsync).");
        return true;
    }

    private void requireHostRsync() {
        if (!settings.sync().bind()) {
            HostRsync.requireInstalled(tree.root());
        }
    }

    private Function<String, RsyncClient> rsyncClients(BuildLog log) {
        int compress = settings.sync().rsyncCompress();
        boolean itemize = settings.make().verbose() >= 6;
        return password -> new HostRsync(password, compress, itemize, log);
    }
}
