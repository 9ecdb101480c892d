package io.github.kubemaven.orchestrate;

import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.attest.ReleaseAttestations;
import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.config.ReleaseSettings;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.image.ImageSupplier;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.release.BinaryOrigins;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.release.EngineDockerCommands;
import io.github.kubemaven.release.ReleasePackager;
import io.github.kubemaven.release.ReleaseTarball;
import io.github.kubemaven.tree.KubeTree;
import io.github.kubemaven.tree.TreeInputs;
import io.github.kubemaven.version.VersionDefs;
import io.github.kubemaven.version.VersionStamper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kube:package}: the release ({@code make cross}, copied out) and its tarballs, as {@code build/release.sh}
 * makes them.
 */
public final class PackageGoal {

    private final Workspace workspace;
    private final BuildSettings settings;
    private final BuildLog log;

    public PackageGoal(Workspace workspace) {
        this.workspace = workspace;
        this.settings = workspace.settings();
        this.log = workspace.log();
    }

    /** The release: its tarballs, and the checksums, SBOMs and provenance that come with them. */
    public record PackagedRelease(List<ReleaseTarball> tarballs, List<ReleaseAttestations.Written> companions) {
    }

    public PackagedRelease packageRelease(ReleaseSettings release) {
        if (settings.mode() == BuildSettings.Mode.LOCAL) {
            throw new KubeBuildException("kube:package packages the dockerized build's binaries, and kube.mode is local.",
                    Hints.PACKAGE_IN_DOCKER);
        }
        Set<String> parts = ReleasePackager.withNeeds(release.tarballs());
        KubeTree tree = workspace.tree();
        TreeInputs.checkPlatforms(tree.root(), settings.make().platforms());
        try (TreeLock lock = workspace.lock(tree, "kube:package")) {
            if (release.crossBuild()) {
                Workspace releaseBuild = workspace.withSettings(settings.withCaches(settings.caches().forRelease()));
                new BuildGoal(releaseBuild).runLocked(tree, BuildGoal.makeCommand(List.of("cross"), null), true, true);
            }
            return packageBuilt(tree, release.leftOut(), parts, release.serverImages());
        }
    }

    /** Packages the binaries {@code _output/} holds, with the stamp and time they were built with. */
    private PackagedRelease packageBuilt(KubeTree tree, Set<String> leftOut, Set<String> parts, boolean serverImages) {
        BuiltState built = BuiltState.read(BuiltState.fileOf(tree.root())).orElseThrow(() -> new KubeBuildException(
                "_output/ holds no binaries this plugin built and copied out, so their version is unknown.", Hints.BUILD_CROSS_FIRST));
        VersionDefs now = new VersionStamper(tree.root()).compute(settings.make().gitVersionFile());
        if (!now.commit().equals(built.versionDefs().commit()) || !now.treeState().equals(built.versionDefs().treeState())) {
            throw new KubeBuildException("The binaries in _output/ were built from commit " + built.versionDefs().commit() + " ("
                    + built.versionDefs().treeState() + "), and the tree is now at " + now.commit() + " (" + now.treeState()
                    + "): the tarballs would mix the two.", Hints.BINARIES_OF_ANOTHER_COMMIT);
        }
        BinaryOrigins.of(tree.root()).requireBuiltAt(TreeInputs.platformsOf(settings.make().platforms()), now);
        Long epoch = built.sourceDateEpoch();
        if (epoch == null) {
            epoch = System.currentTimeMillis() / 1000;
            log.warn("No SOURCE_DATE_EPOCH and no git commit: the tarballs carry the current time and are not reproducible.");
        }
        Path versionFile = tree.root().resolve(OutputFolder.PLUGIN_FOLDER).resolve("release-version-defs");
        OutputFolder.writeAtomically(versionFile, out -> out.write(built.versionDefs().toFileText().getBytes(StandardCharsets.UTF_8)));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KUBE_BUILD_PLATFORMS", settings.make().platforms());
        environment.put("KUBE_FASTBUILD", Boolean.toString(settings.make().fastBuild()));
        environment.put("KUBE_GIT_VERSION_FILE", versionFile.toString());
        environment.put("SOURCE_DATE_EPOCH", Long.toString(epoch));
        PhaseTimer timer = new PhaseTimer(log);
        ReleasePackager packager = new ReleasePackager(tree.root(), log);
        VersionDefs stamp = built.versionDefs();
        String cleanCommit = "clean".equals(stamp.treeState()) && stamp.commit() != null && !stamp.commit().isEmpty() ? stamp.commit() : null;
        List<ReleaseTarball> tarballs;
        if (serverImages && parts.contains("server")) {
            environment.put("KUBE_MVN_SERVER_IMAGES", "y");
            environment.put("KUBE_BUILD_PULL_LATEST_IMAGES", "n");
            environment.put("KUBE_BUILD_CONFORMANCE", "n");
            log.warn("Server images make the server tarballs depend on docker save, whose archives carry build times: "
                    + "those tarballs are not byte-for-byte reproducible.");
            try (DockerEngine engine = workspace.connector().apply(settings.engine().dockerHost())) {
                ensureServerImageBases(engine, packager.serverImageBases(environment));
                Optional<Path> docker = HostProcess.findOnPath("docker", System.getenv("PATH"));
                boolean buildxMissing = docker.isPresent() && packager.buildsImagesWithBuildx() && !hasBuildx(docker.get());
                if (docker.isPresent() && !buildxMissing) {
                    log.info("Server images are built by the docker command of this machine (" + docker.get() + ").");
                    if (settings.engine().dockerHost() != null) {
                        environment.put("DOCKER_HOST", settings.engine().dockerHost());
                    }
                } else {
                    log.info("Server images are built through the Engine API of " + engine.endpoint() + ", as this machine has "
                            + (buildxMissing ? "no docker buildx, which the tree's release scripts build them with." : "no docker command."));
                    packager = packager.withDockerCalls(new EngineDockerCommands(tree.root(), engine, log));
                }
                tarballs = packager.packageRelease(epoch, environment, leftOut, parts, cleanCommit);
            }
        } else {
            tarballs = packager.packageRelease(epoch, environment, leftOut, parts, cleanCommit);
        }
        timer.done("release tarballs");
        List<ReleaseAttestations.Written> companions = ReleaseAttestations.write(tarballs.stream().map(ReleaseTarball::file).toList(),
                tree.root(), built, List.copyOf(parts), epoch);
        timer.done("checksums, SBOMs and provenance");
        return new PackagedRelease(tarballs, companions);
    }

    private static boolean hasBuildx(Path docker) {
        return HostProcess.of(docker.toString(), "buildx", "version").capture().succeeded();
    }

    private void ensureServerImageBases(DockerEngine engine, List<String> bases) {
        engine.serverVersion();
        ImageSupplier images = new ImageSupplier(engine, settings.engine().registry(), null, log);
        for (String base : bases) {
            images.ensureImage(base, "base image of the server images", settings.engine().offline(), Hints.SERVER_IMAGE_BASE);
        }
    }
}
