package io.github.kubemaven.orchestrate;

import io.github.kubemaven.builders.BuildEnvironment;
import io.github.kubemaven.builders.DockerizedBuild;
import io.github.kubemaven.builders.GoToolchain;
import io.github.kubemaven.builders.LocalBuild;
import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.engine.DockerJavaEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.ground.OutputProblem;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.ground.TestsFailedException;
import io.github.kubemaven.image.BuildContext;
import io.github.kubemaven.image.BuildImages;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.naming.TreeHash;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.release.ReleasePackager;
import io.github.kubemaven.release.ReleaseTarball;
import io.github.kubemaven.stamp.BuildStamp;
import io.github.kubemaven.stamp.StampedBuild;
import io.github.kubemaven.transport.HostRsync;
import io.github.kubemaven.tree.DockerfileTemplate;
import io.github.kubemaven.tree.KubeTree;
import io.github.kubemaven.tree.TreeInputs;
import io.github.kubemaven.tree.TreeSnapshot;
import io.github.kubemaven.version.VersionDefs;
import io.github.kubemaven.version.VersionStamper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The dockerized build of one Kubernetes tree: what {@code build/run.sh}, {@code copy-output.sh},
 * {@code shell.sh} and {@code make-clean.sh} do, as calls.
 */
public final class KubeBuild {

    private final BuildSettings settings;
    private final BuildLog log;
    private final Function<String, DockerEngine> connector;
    private final HostIdentity host;

    public KubeBuild(BuildSettings settings, BuildLog log) {
        this(settings, log, DockerJavaEngine::connect, HostIdentity.current());
    }

    KubeBuild(BuildSettings settings, BuildLog log, Function<String, DockerEngine> connector, HostIdentity host) {
        this.settings = settings;
        this.log = log;
        this.connector = connector;
        this.host = host;
    }

    /** The {@code make} command line {@code build/run.sh make [targets] WHAT=...} would run. */
    public static List<String> makeCommand(List<String> targets, String what) {
        List<String> command = new ArrayList<>();
        command.add("make");
        targets.stream().filter(target -> !target.isBlank()).forEach(command::add);
        if (what != null && !what.isBlank()) {
            command.add("WHAT=" + what.strip());
        }
        return command;
    }

    /**
     * Runs {@code command} in the build container after syncing the tree in, and copies the results out when
     * {@code copyOutput} is set ({@code build/run.sh}).
     *
     * @param skipWhenUpToDate skip the container work when nothing changed since the last successful run of the
     *                         same command (needs {@code copyOutput}, so the tree holds that run's results)
     */
    public void run(List<String> command, boolean copyOutput, boolean skipWhenUpToDate) {
        KubeTree tree = KubeTree.open(settings.root());
        TreeInputs.checkPlatforms(tree.root(), settings.platforms());
        try (TreeLock lock = lock(tree, String.join(" ", command))) {
            runLocked(tree, command, copyOutput, skipWhenUpToDate);
        }
    }

    private void runLocked(KubeTree tree, List<String> command, boolean copyOutput, boolean skipWhenUpToDate) {
        PhaseTimer timer = new PhaseTimer(log);
        String commandLine = String.join(" ", command);
        if (settings.mode() == BuildSettings.Mode.LOCAL) {
            LocalBuild local = localBuild(tree);
            VersionStamper stamper = new VersionStamper(tree.root());
            Long epoch = sourceDateEpoch(stamper);
            StampedBuild stamped = null;
            if (skipWhenUpToDate) {
                Map<String, String> environment = new LinkedHashMap<>(local.environment(epoch));
                List.of("_", "OLDPWD", "PWD", "SHLVL").forEach(environment::remove);
                String key = BuildStamp.keyOf("go " + local.goVersion(), "LOCAL", command,
                        recordedEnvironment(environment, stamper.compute(settings.gitVersionFile())));
                stamped = new StampedBuild(tree.root(), tree.outputRoot().resolve("local/bin"), stampFile(tree, "local"), key, true, log);
            }
            if (stamped != null && stamped.upToDate(settings.force(), commandLine)) {
                timer.total();
                return;
            }
            local.run(command, epoch);
            timer.done("command");
            if (stamped != null) {
                stamped.recordSuccess();
            }
            return;
        }
        boolean bind = settings.syncMode() == BuildSettings.SyncMode.BIND;
        try (Session session = open(tree, true)) {
            timer.done(bind ? "image" : "image and data container");
            String key = BuildStamp.keyOf(session.imageId, settings.syncMode().name(), command,
                    recordedEnvironment(session.environment, session.versionDefs));
            StampedBuild stamped = skipWhenUpToDate && (copyOutput || bind)
                    ? new StampedBuild(session.tree.root(), session.tree.outputRoot().resolve("dockerized/bin"),
                    stampFile(session.tree, settings.syncMode().name().toLowerCase(java.util.Locale.ROOT)), key, bind, log)
                    : null;
            if (stamped != null) {
                boolean upToDate = stamped.upToDate(settings.force(), commandLine);
                timer.done("up-to-date check");
                if (upToDate) {
                    timer.total();
                    return;
                }
            }
            DockerizedBuild pipeline = session.pipeline;
            if (bind) {
                log.info("Running build command in " + session.tree.root() + " (kube.sync=bind): " + commandLine);
                pipeline.runCommand(command, session.environment, true, null, false, null);
                timer.done("command");
            } else {
                pipeline.startRsync();
                try {
                    TreeSnapshot sent = stamped != null ? stamped.before()
                            : TreeSnapshot.take(session.tree.root(), session.tree.outputRoot().resolve("dockerized/bin"));
                    pipeline.syncIn(settings.keepGenerated(), sent);
                    timer.done("sync in");
                    log.info(copyOutput ? "Output from this container will be rsynced out upon completion (kube.copyOutput=false disables it)."
                            : "Output from this container will NOT be rsynced out (kube.copyOutput=true enables it).");
                    log.info("Running build command: " + commandLine);
                    pipeline.runCommand(command, session.environment, false, null, false, null);
                    timer.done("command");
                    if (copyOutput) {
                        pipeline.copyOut(settings.keepGenerated());
                        timer.done("copy out");
                    }
                } finally {
                    pipeline.stopRsync();
                }
            }
            if (copyOutput || bind) {
                BuiltState.of(session.versionDefs, session.sourceDateEpoch).write(BuiltState.fileOf(session.tree.root()));
            }
            if (stamped != null) {
                stamped.recordSuccess();
            }
        }
        timer.total();
    }

    /**
     * Fails, before any container starts, when {@code what} names something that is no folder of the tree.
     */
    public void checkWhat(String what) {
        TreeInputs.checkWhat(KubeTree.open(settings.root()).root(), what);
    }

    /**
     * What of a build's environment the up-to-date record keys on: every variable, proxy credentials left out (a new
     * proxy password changes no result), and the version stamp the build reads.
     */
    private static Map<String, String> recordedEnvironment(Map<String, String> environment, VersionDefs versionDefs) {
        Map<String, String> recorded = new LinkedHashMap<>(BuildEnvironment.withoutCredentials(environment));
        recorded.put("kube-maven.version-defs", versionDefs.toFileText());
        return recorded;
    }

    private TreeLock lock(KubeTree tree, String purpose) {
        return TreeLock.acquire(tree.root(), purpose, settings.lockTimeout(), log);
    }

    /**
     * Builds one command on the host with {@code go build -v} in its folder, the quick path of the build docs.
     *
     * @return the binary
     */
    public Path quickBuild(String what) {
        KubeTree tree = KubeTree.open(settings.root());
        return localBuild(tree).quickBuild(what, sourceDateEpoch(new VersionStamper(tree.root())));
    }

    /**
     * Runs test targets ({@code make test}, {@code make test-integration}, {@code make test-cmd}) in the build
     * container, or on the host in local mode, each after the other; fails at the end naming the failing packages.
     *
     * @param what the packages to test (WHAT), or null for the targets' default
     * @return the failing packages, when {@code ignoreFailures} let the run go on
     */
    public List<String> test(List<String> targets, String what, boolean ignoreFailures) {
        checkWhat(what);
        TestOutcomeLog outcome = new TestOutcomeLog(log);
        KubeBuild observed = new KubeBuild(settings, outcome, connector, host);
        List<String> failedTargets = new ArrayList<>();
        int lastExitCode = 0;
        for (String target : targets) {
            try {
                observed.run(makeCommand(List.of(target), what), false, false);
            } catch (CommandFailedException e) {
                failedTargets.add(target);
                lastExitCode = e.exitCode();
            }
        }
        if (!failedTargets.isEmpty()) {
            TestsFailedException failure = new TestsFailedException("make " + String.join(", make ", failedTargets),
                    outcome.failingPackages(), lastExitCode);
            if (!ignoreFailures) {
                throw failure;
            }
            log.warn(failure.getMessage() + " (kube.testFailureIgnore: going on)");
        }
        return outcome.failingPackages();
    }

    /**
     * Builds the release ({@code make cross}, copied out) and makes its tarballs, as {@code build/release.sh} does.
     *
     * @param leftOut    top-level folders of the tree to keep out of the source tarball, such as Maven's target folder
     * @param parts      which tarballs to make, see {@link ReleasePackager#PARTS}
     * @param crossBuild run {@code make cross} first; without it the binaries already in {@code _output} are packaged
     * @param serverImages build the server images into the server tarballs, as upstream does
     */
    public List<ReleaseTarball> packageRelease(Set<String> leftOut, Set<String> parts, boolean crossBuild, boolean serverImages) {
        if (settings.mode() == BuildSettings.Mode.LOCAL) {
            throw new KubeBuildException("kube:package packages the dockerized build's binaries, and kube.mode is local.",
                    "Package with kube.mode=docker (the default).");
        }
        Set<String> chosen = ReleasePackager.withNeeds(parts);
        KubeTree tree = KubeTree.open(settings.root());
        TreeInputs.checkPlatforms(tree.root(), settings.platforms());
        try (TreeLock lock = lock(tree, "kube:package")) {
            if (crossBuild) {
                runLocked(tree, makeCommand(List.of("cross"), null), true, true);
            }
            return packageBuilt(tree, leftOut, chosen, serverImages);
        }
    }

    /** Packages the binaries {@code _output/} holds, with the stamp and time they were built with. */
    private List<ReleaseTarball> packageBuilt(KubeTree tree, Set<String> leftOut, Set<String> chosen, boolean serverImages) {
        BuiltState built = BuiltState.read(BuiltState.fileOf(tree.root())).orElseThrow(() -> new KubeBuildException(
                "_output/ holds no binaries this plugin built and copied out, so their version is unknown.",
                "Build them first: leave kube.crossBuild at true, or run 'mvn kube:build -Dkube.targets=cross' before."));
        VersionDefs now = new VersionStamper(tree.root()).compute(settings.gitVersionFile());
        if (!now.commit().equals(built.versionDefs().commit()) || !now.treeState().equals(built.versionDefs().treeState())) {
            throw new KubeBuildException("The binaries in _output/ were built from commit " + built.versionDefs().commit() + " ("
                    + built.versionDefs().treeState() + "), and the tree is now at " + now.commit() + " (" + now.treeState()
                    + "): the tarballs would mix the two.",
                    "Build again (leave kube.crossBuild at true), or return the tree to the commit the binaries were built from.");
        }
        Long epoch = built.sourceDateEpoch();
        if (epoch == null) {
            epoch = System.currentTimeMillis() / 1000;
            log.warn("No SOURCE_DATE_EPOCH and no git commit: the tarballs carry the current time and are not reproducible.");
        }
        Path versionFile = tree.root().resolve("_output/kube-maven/release-version-defs");
        try {
            Files.writeString(versionFile, built.versionDefs().toFileText(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw OutputProblem.of(versionFile.getParent(), e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KUBE_BUILD_PLATFORMS", settings.platforms());
        environment.put("KUBE_FASTBUILD", Boolean.toString(settings.fastBuild()));
        environment.put("KUBE_GIT_VERSION_FILE", versionFile.toString());
        environment.put("SOURCE_DATE_EPOCH", Long.toString(epoch));
        PhaseTimer timer = new PhaseTimer(log);
        ReleasePackager packager = new ReleasePackager(tree.root(), log);
        if (serverImages && chosen.contains("server")) {
            ensureServerImageBases(packager.serverImageBases(environment));
            environment.put("KUBE_MVN_SERVER_IMAGES", "y");
            environment.put("KUBE_BUILD_PULL_LATEST_IMAGES", "n");
            environment.put("KUBE_BUILD_CONFORMANCE", "n");
            if (settings.dockerHost() != null) {
                environment.put("DOCKER_HOST", settings.dockerHost());
            }
            log.warn("Server images make the server tarballs depend on docker save, whose archives carry build times: "
                    + "those tarballs are not byte-for-byte reproducible.");
        }
        List<ReleaseTarball> tarballs = packager.packageRelease(epoch, environment, leftOut, chosen);
        timer.done("release tarballs");
        return tarballs;
    }

    private void ensureServerImageBases(List<String> bases) {
        try (DockerEngine engine = connector.apply(settings.dockerHost())) {
            engine.serverVersion();
            BuildImages images = new BuildImages(engine, log);
            for (String base : bases) {
                images.ensureImage(base, "base image of the server images", settings.offline(),
                        "Load or build it, point the tree's KUBE_<BINARY>_BASE_IMAGE variable at an image the engine has, "
                                + "or package without server images: -Dkube.release.images=false.");
            }
        }
    }

    private LocalBuild localBuild(KubeTree tree) {
        GoToolchain go = GoToolchain.find(tree.root(), settings.goRoot());
        BuildSettings inTree = settings.root().equals(tree.root()) ? settings : settings.withRoot(tree.root());
        return new LocalBuild(inTree, go, log);
    }

    /** SOURCE_DATE_EPOCH as set, else the commit time of HEAD, else none. */
    private Long sourceDateEpoch(VersionStamper stamper) {
        return settings.sourceDateEpoch() != null ? settings.sourceDateEpoch() : stamper.headCommitTime().orElse(null);
    }

    private static Path stampFile(KubeTree tree, String mode) {
        return tree.outputRoot().resolve("kube-maven").resolve("build-" + mode + ".stamp");
    }

    /** Copies binaries and generated files out of the data container ({@code build/copy-output.sh}). */
    public void copyOutput() {
        if (settings.syncMode() == BuildSettings.SyncMode.BIND) {
            log.info("With kube.sync=bind the build writes straight into the tree; there is nothing to copy.");
            return;
        }
        KubeTree tree = KubeTree.open(settings.root());
        try (TreeLock lock = lock(tree, "kube:copy-output"); Session session = open(tree, false)) {
            if (!session.pipeline.hasUsableDataContainer()) {
                throw new KubeBuildException("There is no build output to copy: this tree has no data container yet.",
                        "Run 'mvn kube:build' (or kube:run) first.");
            }
            session.pipeline.startRsync();
            try {
                session.pipeline.copyOut(settings.keepGenerated());
            } finally {
                session.pipeline.stopRsync();
            }
        }
    }

    /**
     * Opens a shell in the build container after syncing the tree in ({@code build/shell.sh}).
     *
     * @param terminal raw output for a terminal, or null to log the output line by line
     */
    public void shell(List<String> arguments, InputStream stdin, boolean tty, DockerEngine.OutputSink terminal) {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(arguments);
        KubeTree tree = KubeTree.open(settings.root());
        TreeInputs.checkPlatforms(tree.root(), settings.platforms());
        try (TreeLock lock = lock(tree, "kube:shell"); Session session = open(tree, true)) {
            boolean bind = settings.syncMode() == BuildSettings.SyncMode.BIND;
            if (!bind) {
                session.pipeline.startRsync();
                try {
                    session.pipeline.syncIn(settings.keepGenerated(),
                            TreeSnapshot.take(tree.root(), tree.outputRoot().resolve("dockerized/bin")));
                } finally {
                    session.pipeline.stopRsync();
                }
            }
            session.pipeline.runCommand(command, session.environment, bind, stdin, tty, terminal);
        }
    }

    /**
     * Removes this tree's containers, build images and volumes, and its {@code _output/} folder
     * ({@code build/make-clean.sh}). Nothing of another tree is touched.
     */
    public void clean() {
        KubeTree tree = KubeTree.open(settings.root());
        try (TreeLock lock = lock(tree, "kube:clean")) {
            cleanLocked(tree);
            lock.deleteFile();
        }
        OutputFolder.deleteIfEmpty(tree.outputRoot());
    }

    private void cleanLocked(KubeTree tree) {
        String hash = treeHash(tree);
        try (DockerEngine engine = connector.apply(settings.dockerHost())) {
            engine.serverVersion();
            Map<String, String> filter = Map.of(BuildNames.TREE_LABEL, hash);
            for (var container : engine.listContainers(filter)) {
                log.info("Removing container " + container.name());
                engine.removeContainer(container.id());
            }
            for (String volume : engine.listVolumes(filter)) {
                log.info("Removing volume " + volume);
                engine.removeVolume(volume);
            }
            for (String image : engine.listImages(filter)) {
                log.info("Removing image " + image);
                engine.removeImage(image);
            }
        } catch (io.github.kubemaven.engine.EngineUnavailableException e) {
            log.warn(e.getMessage() + " This tree's containers and images are left alone; _output/ is still removed.");
        }
        if (OutputFolder.deleteAllBut(tree.root(), TreeLock.fileOf(tree.root()))) {
            log.info("Removed " + tree.outputRoot());
        }
    }

    /**
     * Checks the engine, stamps the version, and makes the images and the data container ready; removes what dead
     * runs of this tree left. Called under the tree's lock.
     */
    private Session open(KubeTree tree, boolean prepareImages) {
        boolean rsyncMode = settings.syncMode() == BuildSettings.SyncMode.RSYNC;
        if (rsyncMode) {
            HostRsync.requireInstalled(tree.root());
        }
        String crossTag = settings.crossTag() != null ? settings.crossTag() : tree.crossTag().orElseThrow(() -> new KubeBuildException(
                "The tree has no build/build-image/cross/VERSION, so the cross image tag is unknown.",
                "Set kube.crossTag (KUBE_CROSS_VERSION) to the kube-cross tag to build with."));
        DockerfileTemplate dockerfile = tree.dockerfile();
        String crossImage = settings.crossImage() != null ? settings.crossImage() : dockerfile.defaultCrossImage();
        BuildNames names = BuildNames.of(treeHash(tree), tree.buildImageVersion(), crossTag);

        VersionStamper stamper = new VersionStamper(tree.root());
        VersionDefs defs = stamper.compute(settings.gitVersionFile());
        stamper.write(defs);
        log.debug("Version: " + defs.version() + " (" + defs.commit() + ", " + defs.treeState() + ")");
        Long sourceDateEpoch = sourceDateEpoch(stamper);

        DockerEngine engine = connector.apply(settings.dockerHost());
        DockerizedBuild pipeline = null;
        try {
            log.info("Docker engine " + engine.serverVersion() + " at " + engine.endpoint());
            Path contextDir = tree.outputRoot().resolve("images").resolve(names.image());
            BuildImages images = new BuildImages(engine, log);
            Map<String, String> buildArguments = new LinkedHashMap<>(dockerfile.buildArguments(crossImage, crossTag));
            if (prepareImages) {
                String crossId = images.ensureCrossImage(crossImage + ":" + crossTag, settings.offline());
                BuildContext context = BuildContext.write(contextDir, dockerfile.render(crossImage, crossTag), tree.rsyncdScript(),
                        Map.of("crossImageId", crossId, "buildArguments", buildArguments.toString()));
                buildArguments.putAll(BuildEnvironment.proxies(settings));
                images.ensureBuildImage(names, context, buildArguments);
            } else if (engine.inspectImage(names.image()).isEmpty()) {
                throw new KubeBuildException("There is no build output to copy: the build image " + names.image() + " does not exist.",
                        "Run 'mvn kube:build' (or kube:run) first.");
            }
            int compress = settings.rsyncCompress();
            boolean itemize = settings.verbose() >= 6;
            pipeline = new DockerizedBuild(engine, names, tree.root(), host,
                    password -> new HostRsync(password, compress, itemize, log), settings.rsyncPort(), log);
            pipeline.removeLeftovers();
            if (prepareImages) {
                pipeline.removeOldVersions();
                if (rsyncMode) {
                    pipeline.ensureDataContainer();
                }
            }
            Map<String, String> environment = BuildEnvironment.of(settings, sourceDateEpoch, System.getenv("GOPROXY"));
            String imageId = engine.inspectImage(names.image()).map(io.github.kubemaven.engine.ImageInfo::id).orElse("");
            return new Session(tree, engine, pipeline, environment, imageId, defs, sourceDateEpoch);
        } catch (RuntimeException e) {
            if (pipeline != null) {
                pipeline.close();
            }
            engine.close();
            throw e;
        }
    }

    private String treeHash(KubeTree tree) {
        return TreeHash.of(host.hostname(), tree.root().toString(), new VersionStamper(tree.root()).branch());
    }

    private record Session(KubeTree tree, DockerEngine engine, DockerizedBuild pipeline, Map<String, String> environment,
                           String imageId, VersionDefs versionDefs, Long sourceDateEpoch) implements AutoCloseable {
        @Override
        public void close() {
            try {
                pipeline.close();
            } finally {
                engine.close();
            }
        }
    }
}
