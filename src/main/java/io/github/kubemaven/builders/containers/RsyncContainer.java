package io.github.kubemaven.builders.containers;

import io.github.kubemaven.config.SyncSettings;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.Progress;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.transport.ExecTunnel;
import io.github.kubemaven.transport.HostRsync;
import io.github.kubemaven.transport.RsyncClient;
import io.github.kubemaven.transport.RsyncDaemonFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rsync container of one run: an rsync daemon over the build volume, published on 127.0.0.1 or reached through
 * the Engine API, with a password of the run's own. {@link SyncIn} sends the tree in through it, {@link CopyOut}
 * brings the results out.
 */
public final class RsyncContainer implements AutoCloseable {

    public static final int DAEMON_PORT = 8730;

    private final ContainerSession session;
    private final BuildVolume volume;
    private final Function<String, RsyncClient> clients;
    private final Integer hostPort;
    private final SyncSettings.RsyncTransport transport;
    private final Path root;
    private final BuildLog log;
    private RsyncClient rsync;
    private String containerId;
    private ExecTunnel tunnel;
    private String address;

    /**
     * @param clients  the host's rsync client for a daemon password
     * @param hostPort  with the port transport, the port on 127.0.0.1 to publish the daemon on, or null for an ephemeral one
     * @param transport how the host's rsync reaches the daemon
     */
    public RsyncContainer(ContainerSession session, BuildVolume volume, Function<String, RsyncClient> clients, Integer hostPort,
                          SyncSettings.RsyncTransport transport) {
        this.session = session;
        this.volume = volume;
        this.clients = clients;
        this.hostPort = hostPort;
        this.transport = transport;
        this.root = session.root();
        this.log = session.log();
    }

    /**
     * Starts the container with a daemon and password of this run's own, and waits until the daemon answers; removes
     * the container again when it cannot.
     */
    public RsyncContainer start() {
        try {
            startDaemon();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startDaemon() {
        DockerEngine engine = session.engine();
        BuildNames names = session.names();
        RsyncDaemonFiles daemon = RsyncDaemonFiles.fresh();
        rsync = clients.apply(daemon.password());
        boolean overApi = transport == SyncSettings.RsyncTransport.API;
        ContainerSpec.Builder spec = ContainerSpec.builder(names.rsyncContainer(), session.helperImage())
                .user(session.userInContainers())
                .hostname(session.host().hostname())
                .labels(names.labels("rsync"))
                .volumesFrom(volume.container())
                .environment(List.of("HOME=" + MakeEnvironment.REMOTE_ROOT))
                .leasedCommand(RsyncDaemonFiles.containerCommand(overApi));
        if (!overApi) {
            spec.publish(DAEMON_PORT, "127.0.0.1", hostPort);
        }
        try {
            session.reaper().awaitRemovals();
            ContainerSpec built = spec.build();
            containerId = engine.createContainer(built);
            session.reaper().track(containerId, built.name());
            engine.copyToContainer(containerId, daemon.archive(Integer.parseInt(session.host().uid()), Integer.parseInt(session.host().gid())));
            engine.startContainer(containerId);
            if (!session.reaper().mayRun(containerId)) {
                throw new KubeBuildException("The run stopped while the rsync container " + names.rsyncContainer() + " started.", null);
            }
        } catch (KubeBuildException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KubeBuildException("The rsync container " + names.rsyncContainer() + " could not start: " + e.getMessage(),
                    Hints.rsyncContainerStart(hostPort), e);
        }
        if (overApi) {
            tunnel = ExecTunnel.open(engine, containerId, RsyncDaemonFiles.DAEMON_ON_STDIO, log);
            if (probe(tunnel.address(), PROBES)) {
                address = tunnel.address();
                return;
            }
            throw new KubeBuildException("The rsync daemon in " + names.rsyncContainer() + " does not answer through the Engine API"
                    + (tunnel.failure() == null ? "." : ": " + tunnel.failure().getMessage()), Hints.RSYNC_OVER_API);
        }
        Optional<Integer> port = engine.publishedPort(containerId, DAEMON_PORT);
        if (port.isPresent() && probe("127.0.0.1:" + port.get(), PROBES)) {
            address = "127.0.0.1:" + port.get();
            return;
        }
        throw new KubeBuildException("The rsync daemon in " + names.rsyncContainer() + " does not answer on 127.0.0.1"
                + port.map(p -> ":" + p).orElse("") + ".", Hints.RSYNC_UNREACHABLE);
    }

    /**
     * Runs one rsync transfer; a failure the engine caused is reported as the engine's.
     *
     * @return what rsync left out as no regular file, folder or link
     */
    List<String> transfer(String source, String destination, List<String> mode, List<String> filters, List<String> flags) {
        try (Progress progress = log.progress(source.startsWith("rsync://") ? "copy out" : "sync in")) {
            return rsync.transfer(root, source, destination, mode, filters, flags, progress);
        } catch (KubeBuildException e) {
            throw engineFailure().orElse(e);
        }
    }

    /** The build volume as the daemon serves it, for the host's rsync. */
    String volumeUrl() {
        requireStarted();
        return HostRsync.url(address);
    }

    /** What the volume holds that {@code filters} let through. */
    List<String> listVolume(List<String> filters) {
        return rsync.list(root, volumeUrl(), filters);
    }

    private Optional<RuntimeException> engineFailure() {
        return tunnel == null ? Optional.empty() : Optional.ofNullable(tunnel.failure());
    }

    /** The daemon answers within a few tenths of a second of its start; it gets ten seconds. */
    private static final int PROBES = 200;
    private static final long PROBE_PAUSE_MILLIS = 50;

    private boolean probe(String candidate, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (rsync.answers(root, candidate)) {
                log.debug("rsync daemon answers at " + candidate);
                return true;
            }
            try {
                Thread.sleep(PROBE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubeBuildException("Interrupted while waiting for the rsync daemon", null, e);
            }
        }
        return false;
    }

    /**
     * Keeps the shared Go build cache, which this container mounts, under {@code boundBytes}; may run beside a
     * transfer.
     *
     * @return whether it had to trim
     */
    public boolean trimGoCache(long boundBytes) {
        requireStarted();
        return volume.goCache().trim(containerId, boundBytes);
    }

    void requireStarted() {
        if (address == null) {
            throw new IllegalStateException("the rsync container is not running");
        }
    }

    /** Removes the container. */
    @Override
    public synchronized void close() {
        if (tunnel != null) {
            tunnel.close();
            tunnel = null;
        }
        if (containerId != null) {
            session.reaper().removeSoon(containerId);
            containerId = null;
        }
        address = null;
    }
}
