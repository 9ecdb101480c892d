package io.github.kubemaven.builders;

import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LineSplitter;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.ground.OutputProblem;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.transport.GeneratedOrphans;
import io.github.kubemaven.transport.HostRsync;
import io.github.kubemaven.transport.IncomingFiles;
import io.github.kubemaven.transport.RsyncDaemonFiles;
import io.github.kubemaven.transport.RsyncFilters;
import io.github.kubemaven.transport.SentRecord;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three containers of one tree's dockerized build: the data container that keeps the volumes between runs,
 * the rsync container that moves files in and out, and the build container that runs the command.
 */
public final class DockerizedBuild implements AutoCloseable {

    public static final int CONTAINER_RSYNC_PORT = 8730;
    static final List<String> GO_PKG_CACHES = List.of("linux_386_cgo", "linux_amd64_cgo", "linux_arm_cgo",
            "linux_arm64_cgo", "linux_ppc64le_cgo", "darwin_amd64_cgo", "darwin_386_cgo", "windows_amd64_cgo",
            "windows_386_cgo");
    private static final int TAIL_LINES = 30;

    /** Where copy-out puts what it brings before it goes into the tree. */
    static final String INCOMING = "_output/kube-maven/incoming";
    /** Where copy-out keeps what it would have written over the user's work. */
    public static final String KEPT = "_output/kube-maven/kept";

    private final DockerEngine engine;
    private final BuildNames names;
    private final Path root;
    private final HostIdentity host;
    private final java.util.function.Function<String, HostRsync> rsyncClient;
    private final Integer rsyncPort;
    private final BuildLog log;
    private final ContainerReaper reaper;
    private final VolumeState volumeState;
    private final SentRecord sentRecord;
    private HostRsync rsync;
    private String rsyncContainerId;
    private String rsyncAddress;
    private boolean freshVolume;

    /**
     * @param rsyncClient the host's rsync client for a daemon password
     */
    public DockerizedBuild(DockerEngine engine, BuildNames names, Path root, HostIdentity host,
                           java.util.function.Function<String, HostRsync> rsyncClient, Integer rsyncPort, BuildLog log) {
        this.engine = engine;
        this.names = names;
        this.root = root;
        this.host = host;
        this.rsyncClient = rsyncClient;
        this.rsyncPort = rsyncPort;
        this.log = log;
        this.reaper = new ContainerReaper(engine);
        Path records = root.resolve("_output/kube-maven");
        this.volumeState = new VolumeState(records.resolve("volume-" + names.dataContainer() + ".writing"));
        this.sentRecord = new SentRecord(records.resolve("sent-" + names.dataContainer() + ".json"));
    }

    /**
     * Removes the rsync and build containers a dead run of this tree left behind. Only called under the tree's lock,
     * so no live run owns them.
     */
    public void removeLeftovers() {
        for (ContainerState container : engine.listContainers(names.treeFilter())) {
            String role = container.labels().get(BuildNames.ROLE_LABEL);
            if ("rsync".equals(role) || "build".equals(role)) {
                log.info("Removing container " + container.name() + ", left by an earlier run that did not end");
                engine.removeContainer(container.id());
            }
        }
    }

    /** Removes containers, images and volumes of this tree that belong to another build-image version. */
    public void removeOldVersions() {
        for (ContainerState container : engine.listContainers(names.treeFilter())) {
            if (!names.version().equals(container.labels().get(BuildNames.VERSION_LABEL))) {
                log.info("Removing container " + container.name() + " of an older build-image version");
                engine.removeContainer(container.id());
            }
        }
        for (String volume : engine.listVolumes(names.treeFilter())) {
            if (!volume.startsWith(names.dataContainer() + "-")) {
                engine.removeVolume(volume);
            }
        }
        for (String image : engine.listImages(names.treeFilter())) {
            if (!image.equals(names.image())) {
                log.info("Removing image " + image + " of an older build-image version");
                engine.removeImage(image);
            }
        }
    }

    /** Whether the data container exists and exited cleanly, so the volumes hold a previous run's state. */
    public boolean hasUsableDataContainer() {
        return engine.inspectContainer(names.dataContainer()).filter(state -> !state.running() && state.exitCode() == 0).isPresent();
    }

    /**
     * Reuses the data container when it exited 0; otherwise makes it anew with fresh volumes, owned by the host user.
     */
    public void ensureDataContainer() {
        Optional<ContainerState> existing = engine.inspectContainer(names.dataContainer());
        if (existing.isPresent() && !existing.get().running() && existing.get().exitCode() == 0) {
            log.info("Reusing data container " + names.dataContainer());
            return;
        }
        if (existing.isPresent()) {
            log.info("Data container " + names.dataContainer() + " did not end cleanly; making it anew");
            engine.removeContainer(names.dataContainer());
        }
        for (String volume : dataVolumes().keySet()) {
            engine.removeVolume(volume);
        }
        freshVolume = true;
        volumeState.settled();
        log.info("Creating data container " + names.dataContainer());
        ContainerSpec.Builder spec = ContainerSpec.builder(names.dataContainer(), names.image())
                .hostname(host.hostname())
                .labels(names.labels("data"))
                .command(List.of("chown", "-R", host.user(), BuildEnvironment.REMOTE_ROOT, "/usr/local/go/pkg/"));
        dataVolumes().forEach((volume, path) -> {
            engine.createVolume(volume, names.labels("volume"));
            spec.volume(volume, path);
        });
        String id = engine.createContainer(spec.build());
        reaper.track(id);
        LineSplitter output = new LineSplitter(log::output, TAIL_LINES);
        int exitCode = engine.runAttached(id, null, output);
        output.flush();
        reaper.release(id);
        if (exitCode != 0) {
            throw new KubeBuildException("The data container " + names.dataContainer() + " could not prepare its volumes (exit code "
                    + exitCode + "): " + String.join(" / ", output.lastLines()),
                    "Run 'mvn kube:clean' to start from fresh volumes, and check that the build image has chown.");
        }
    }

    private Map<String, String> dataVolumes() {
        Map<String, String> volumes = new LinkedHashMap<>();
        volumes.put(names.dataVolume("src"), BuildEnvironment.REMOTE_ROOT);
        for (String cache : GO_PKG_CACHES) {
            volumes.put(names.dataVolume("go-pkg-" + cache), "/usr/local/go/pkg/" + cache);
        }
        return volumes;
    }

    /**
     * Starts the rsync container (127.0.0.1 only) with a daemon and password of this run's own, and waits until the
     * daemon answers.
     */
    public void startRsync() {
        RsyncDaemonFiles daemon = RsyncDaemonFiles.fresh();
        rsync = rsyncClient.apply(daemon.password());
        ContainerSpec spec = ContainerSpec.builder(names.rsyncContainer(), names.image())
                .user(host.user())
                .hostname(host.hostname())
                .labels(names.labels("rsync"))
                .volumesFrom(names.dataContainer())
                .publish(CONTAINER_RSYNC_PORT, "127.0.0.1", rsyncPort)
                .command(List.of("bash", RsyncDaemonFiles.SCRIPT))
                .build();
        String id;
        try {
            id = engine.createContainer(spec);
            reaper.track(id);
            rsyncContainerId = id;
            engine.copyToContainer(id, daemon.archive(Integer.parseInt(host.uid()), Integer.parseInt(host.gid())));
            engine.startContainer(id);
        } catch (KubeBuildException e) {
            throw e;
        } catch (RuntimeException e) {
            String hint = rsyncPort == null ? "Check the engine's log." : "Free port " + rsyncPort
                    + " on 127.0.0.1, or choose another with kube.rsyncPort (KUBE_RSYNC_PORT), or leave it unset for an ephemeral port.";
            throw new KubeBuildException("The rsync container " + names.rsyncContainer() + " could not start: " + e.getMessage(), hint, e);
        }
        Optional<Integer> port = engine.publishedPort(id, CONTAINER_RSYNC_PORT);
        if (port.isPresent() && probe("127.0.0.1:" + port.get(), 50)) {
            rsyncAddress = "127.0.0.1:" + port.get();
            return;
        }
        throw new KubeBuildException("The rsync daemon in " + names.rsyncContainer() + " does not answer on 127.0.0.1"
                + port.map(p -> ":" + p).orElse("") + ".",
                "A remote Docker engine cannot be reached this way; use a local engine, or forward the port and set kube.rsyncPort.");
    }

    private boolean probe(String address, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (rsync.answers(root, address)) {
                log.debug("rsync daemon answers at " + address);
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubeBuildException("Interrupted while waiting for the rsync daemon", null, e);
            }
        }
        return false;
    }

    public void stopRsync() {
        if (rsyncContainerId != null) {
            reaper.remove(rsyncContainerId);
            rsyncContainerId = null;
        }
        rsyncAddress = null;
    }

    /**
     * Sends the tree into the data volume. With {@code keepGenerated} a fresh volume gets the tree's own times, and
     * later syncs decide by content, giving changed files the time of the sync (see {@link HostRsync#ARCHIVE_BY_CONTENT});
     * generated files the volume keeps go when their package left the tree ({@link GeneratedOrphans}).
     *
     * @param sent the tree as it is now, taken before the transfer reads it; recorded for copy-out
     */
    public void syncIn(boolean keepGenerated, TreeSnapshot sent) {
        requireRsync();
        boolean regenerate = keepGenerated && volumeState.wasInterrupted();
        if (regenerate) {
            log.warn("The last run stopped while it wrote the build volume, so its generated files are made anew this time.");
        }
        boolean keep = keepGenerated && !regenerate;
        List<String> orphanRules = List.of();
        if (keep && !freshVolume) {
            List<String> treeFiles = new ArrayList<>(sent.inputs().keySet());
            treeFiles.addAll(sent.generated().keySet());
            List<String> orphans = GeneratedOrphans.find(
                    rsync.list(root, HostRsync.url(rsyncAddress), RsyncFilters.generatedListing()), treeFiles);
            orphans.forEach(path -> log.info("Removing " + path + " from the build volume: its package left the tree"));
            orphanRules = GeneratedOrphans.removalRules(orphans);
        }
        volumeState.writing();
        sentRecord.write(sent);
        log.info("Syncing sources to container");
        boolean byContent = keepGenerated && !freshVolume;
        rsync.transfer(root, root + "/", HostRsync.url(rsyncAddress), byContent ? HostRsync.ARCHIVE_BY_CONTENT : HostRsync.ARCHIVE,
                RsyncFilters.syncIn(keep, orphanRules), List.of("--delete"));
        freshVolume = false;
    }

    /**
     * Brings binaries and generated files back: first into a folder under {@code _output/}, holding only what
     * differs from the tree, then into the tree file by file, never over a file that changed after sync-in read it
     * (see {@link IncomingFiles}). With {@code byContent} only files whose content differs come out, so sources the
     * filters also match (types.go, *.pb.go) keep their times when unchanged.
     */
    public void copyOut(boolean byContent) {
        requireRsync();
        log.info("Syncing out of container");
        Path staging = root.resolve(INCOMING);
        OutputFolder.deleteTree(staging);
        try {
            java.nio.file.Files.createDirectories(staging);
        } catch (java.io.IOException e) {
            throw OutputProblem.of(staging.getParent(), e);
        }
        rsync.transfer(root, HostRsync.url(rsyncAddress), staging.toString(), byContent ? HostRsync.ARCHIVE_BY_CONTENT : HostRsync.ARCHIVE,
                RsyncFilters.copyOut(), List.of("--prune-empty-dirs", "--compare-dest=" + root));
        TreeSnapshot sent = sentRecord.read().orElse(null);
        if (sent == null) {
            log.warn("No record of what was synced into this build volume: only files the tree lacks are copied out.");
        }
        new IncomingFiles(root, staging, root.resolve(KEPT), log).moveIntoTree(sent);
    }

    private void requireRsync() {
        if (rsyncAddress == null) {
            throw new IllegalStateException("the rsync container is not running");
        }
    }

    /**
     * Runs {@code command} in a fresh build container and removes the container afterwards. A command that ended by
     * itself, whatever its exit code, leaves the build volume settled; one cut off by Ctrl-C or by its engine does not.
     *
     * @param bindTree mount the tree itself instead of the data container's volumes
     * @param stdin    null for none; with {@code tty} the container gets a terminal
     */
    public void runCommand(List<String> command, Map<String, String> environment, boolean bindTree, InputStream stdin,
                           boolean tty, DockerEngine.OutputSink rawOutput) {
        ContainerSpec.Builder spec = ContainerSpec.builder(names.buildContainer(), names.image())
                .user(host.user())
                .hostname(host.hostname())
                .labels(names.labels("build"))
                .command(command);
        if (bindTree) {
            Map<String, String> withHome = new LinkedHashMap<>(environment);
            withHome.put("HOME", "/tmp");
            spec.bind(root.toString(), BuildEnvironment.REMOTE_ROOT).environment(BuildEnvironment.asList(withHome));
        } else {
            spec.volumesFrom(names.dataContainer()).environment(BuildEnvironment.asList(environment));
        }
        if (stdin != null) {
            spec.interactive(tty);
        }
        log.debug("Build container environment: " + BuildEnvironment.describe(environment));
        LineSplitter lines = new LineSplitter(log::output, TAIL_LINES);
        int exitCode;
        String id = engine.createContainer(spec.build());
        reaper.track(id);
        try {
            exitCode = engine.runAttached(id, stdin, rawOutput != null ? rawOutput : lines);
            lines.flush();
        } finally {
            reaper.remove(id);
        }
        if ((exitCode == 137 || exitCode == 143) && !reaper.stopping()) {
            requireEngineStillThere(exitCode);
        }
        if (!reaper.stopping()) {
            volumeState.settled();
        }
        if (exitCode != 0) {
            String shown = String.join(" ", command);
            throw new CommandFailedException(shown, exitCode, lines.lastLines(),
                    "To reproduce it in the build container, run 'mvn kube:shell' in " + root + " and then: " + shown);
        }
    }

    /**
     * A build container killed from outside while the engine shuts down looks like a command that failed; tell the
     * two apart by asking the engine, which goes quiet within moments of killing its containers.
     */
    private void requireEngineStillThere(int exitCode) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                engine.serverVersion();
                Thread.sleep(250);
            } catch (KubeBuildException e) {
                throw new KubeBuildException("The Docker engine at " + engine.endpoint() + " stopped while the command ran "
                        + "(its container ended with exit code " + exitCode + ").",
                        "Start the engine again and rerun the goal: the next run removes what this one left and keeps the build volume.", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        reaper.close();
    }
}
