package io.github.kubemaven.attest;

import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.release.BuiltState;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * What comes with the release tarballs, beside them in {@code _output/release-tars}: {@code SHA256SUMS} and
 * {@code SHA512SUMS} as {@code sha256sum -c} reads them, the SPDX SBOMs of the source and of the release, and the
 * in-toto provenance statement. Each is made from the tarballs' bytes, the tree and the recorded build alone, so it
 * is as reproducible as the tarballs.
 */
public final class ReleaseAttestations {

    /** One file written, with the Maven type and classifier it is published under. */
    public record Written(Path file, String type, String classifier) {
    }

    private ReleaseAttestations() {
    }

    /**
     * @param tarballs the release tarballs, each written beside the others
     * @param root     the tree whose vendor/modules.txt and LICENSES/ the source SBOM reads
     * @param built    what the binaries were built from
     * @param parts    the tarball parts asked for (src, client, ...)
     * @param epoch    the release's time, as the tarballs carry it
     */
    public static List<Written> write(List<Path> tarballs, Path root, BuiltState built, List<String> parts, long epoch) {
        Path folder = tarballs.get(0).getParent();
        List<TarballContents> contents = tarballs.stream().sorted().map(TarballContents::read).toList();
        Path sha256sums = folder.resolve("SHA256SUMS");
        Path sha512sums = folder.resolve("SHA512SUMS");
        writeSums(sha256sums, contents, TarballContents::sha256);
        writeSums(sha512sums, contents, TarballContents::sha512);
        String version = built.versionDefs().version() == null || built.versionDefs().version().isEmpty()
                ? "unknown" : built.versionDefs().version();
        String commit = built.versionDefs().commit() == null ? "" : built.versionDefs().commit();
        String pluginVersion = pluginVersion();
        String creator = "kube-maven-plugin-" + pluginVersion;
        Path sourceSbom = folder.resolve("kubernetes-src.spdx.json");
        SourceSbom.write(sourceSbom, root, version, commit, epoch, creator);
        Path releaseSbom = folder.resolve("kubernetes-release.spdx.json");
        ReleaseSbom.write(releaseSbom, contents, version, epoch, creator);
        Path provenance = folder.resolve("kubernetes-release.intoto.json");
        Provenance.write(provenance, contents, built, parts, epoch, pluginVersion);
        return List.of(new Written(sha256sums, "txt", "sha256sums"), new Written(sha512sums, "txt", "sha512sums"),
                new Written(sourceSbom, "spdx.json", "src-sbom"), new Written(releaseSbom, "spdx.json", "release-sbom"),
                new Written(provenance, "intoto.json", "provenance"));
    }

    private static void writeSums(Path file, List<TarballContents> tarballs, Function<TarballContents, String> digest) {
        StringBuilder text = new StringBuilder();
        tarballs.forEach(tarball -> text.append(digest.apply(tarball)).append("  ").append(tarball.name()).append('\n'));
        OutputFolder.writeWhole(file, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** This plugin's version, as its jar's Maven metadata gives it. */
    static String pluginVersion() {
        try (InputStream in = ReleaseAttestations.class.getResourceAsStream(
                "/META-INF/maven/io.github.kubemaven/kube-maven-plugin/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
