package io.github.kubemaven.maven;

import io.github.kubemaven.attest.ReleaseAttestations;
import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.config.UserProperty;
import io.github.kubemaven.orchestrate.PackageGoal;
import io.github.kubemaven.orchestrate.Workspace;
import io.github.kubemaven.release.ReleasePackager;
import io.github.kubemaven.release.ReleaseTarball;
import io.github.kubemaven.tree.BinaryFolders;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds the release ({@code make cross} for {@code kube.platforms}) and packages it as upstream's
 * {@code build/release.sh} lays it out: {@code kubernetes.tar.gz}, {@code kubernetes-src.tar.gz},
 * {@code kubernetes-client|node|server|test-<os>-<arch>.tar.gz}, {@code kubernetes-manifests.tar.gz} and
 * {@code kubernetes-test-portable.tar.gz}, byte-for-byte reproducible, each attached to the project.
 *
 * @since 0.1.0
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class PackageMojo extends AbstractMakeMojo {

    /**
     * Attaches the tarballs to the project, so install and deploy publish them.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.attach", defaultValue = "true")
    protected boolean attach;

    /**
     * Which tarballs to make, comma separated: {@code src}, {@code client}, {@code manifests}, {@code node},
     * {@code server}, {@code final} ({@code kubernetes.tar.gz}), {@code test}. Unset: all. Node and server bring
     * the source tarball, final the manifests.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.tarballs")
    protected String tarballs;

    /**
     * Runs {@code make cross} before packaging; {@code false} packages the binaries already in
     * {@code _output/dockerized/bin}, as upstream's {@code package_tarballs} does after a separate build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.crossBuild", defaultValue = "true")
    protected boolean crossBuild;

    /**
     * Builds the server images (upstream's {@code create_docker_images_for_server}: an image {@code .tar} and
     * {@code .docker_tag} per wrapped server binary in the server tarball). Their base images must be in the engine
     * or pullable. Image archives carry build times, so server tarballs with images are not byte-reproducible.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.release.images", defaultValue = "false")
    protected boolean releaseImages;

    /**
     * Builds even when nothing changed since the last successful build of the same command.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.force", defaultValue = "false")
    protected boolean force;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Component
    protected MavenProjectHelper projectHelper;

    @Override
    protected String goalName() {
        return "kube:package";
    }

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.TARBALLS, tarballs)
                .with(UserProperty.CROSS_BUILD, crossBuild)
                .with(UserProperty.RELEASE_IMAGES, releaseImages)
                .with(UserProperty.FORCE, force);
    }

    @Override
    protected void execute(SettingsResolver resolver, Workspace workspace) {
        Set<String> leftOut = new LinkedHashSet<>();
        if (project != null && project.getBuild() != null && project.getBuild().getDirectory() != null) {
            Path buildDirectory = Path.of(project.getBuild().getDirectory()).toAbsolutePath().normalize();
            if (buildDirectory.getParent() != null && buildDirectory.getParent().equals(root.toPath().toAbsolutePath().normalize())) {
                leftOut.add(buildDirectory.getFileName().toString());
            }
        }
        PackageGoal.PackagedRelease release = new PackageGoal(workspace).packageRelease(resolver.release(ReleasePackager.PARTS.keySet(), leftOut));
        for (ReleaseTarball tarball : release.tarballs()) {
            getLog().info("Release tarball " + tarball.file() + " (" + BinaryFolders.mebibytes(tarball.file().toFile().length()) + ")");
        }
        for (ReleaseAttestations.Written companion : release.companions()) {
            getLog().info("Release file " + companion.file());
        }
        if (!attach || project == null) {
            return;
        }
        for (ReleaseAttestations.Written companion : release.companions()) {
            projectHelper.attachArtifact(project, companion.type(), companion.classifier(), companion.file().toFile());
        }
        for (ReleaseTarball tarball : release.tarballs()) {
            File file = tarball.file().toFile();
            if (tarball.classifier() == null && "kube".equals(project.getPackaging())) {
                project.getArtifact().setFile(file);
            } else if (tarball.classifier() == null) {
                projectHelper.attachArtifact(project, "tar.gz", file);
            } else {
                projectHelper.attachArtifact(project, "tar.gz", tarball.classifier(), file);
            }
        }
    }
}
