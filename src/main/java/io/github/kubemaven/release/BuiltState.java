package io.github.kubemaven.release;

import io.github.kubemaven.ground.CredentialRedaction;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.version.VersionDefs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The state the binaries in {@code _output/} were built from: the version stamp, SOURCE_DATE_EPOCH, the make
 * variables that shape the binaries, and the images of the last build that brought them out. Packaging those binaries
 * later takes the same stamp and time, so the tarballs say what the binaries say, and the provenance names what made
 * them.
 *
 * @param versionDefs     the stamp the build read
 * @param sourceDateEpoch the build's SOURCE_DATE_EPOCH, or null when it had none
 * @param flags           the build's {@link #FLAGS} that were set, in order of their names
 * @param buildContext    the sha256 fingerprint of the build image's context, or null when unknown
 * @param crossImage      the cross image the build image was made from ({@code name:tag}), or null when unknown
 * @param crossImageId    that image's id ({@code sha256:...}), or null when unknown
 * @param goCache         the Go build cache the build used: {@link #FRESH_GO_CACHE}, {@link #TREE_GO_CACHE}, or
 *                        {@code shared:} and the name of the cache volume that builds of other trees share; null when
 *                        unknown
 */
public record BuiltState(VersionDefs versionDefs, Long sourceDateEpoch, Map<String, String> flags, String buildContext,
                         String crossImage, String crossImageId, String goCache) {

    /** A Go build cache made empty for the build and removed after it. */
    public static final String FRESH_GO_CACHE = "fresh";
    /** The Go build cache in the tree's own {@code _output/}, which every build of the checkout writes. */
    public static final String TREE_GO_CACHE = "tree";

    /** The make variables that decide which binaries come out and how they are compiled. */
    public static final List<String> FLAGS = List.of("KUBE_BUILD_PLATFORMS", "KUBE_FASTBUILD", "GOFLAGS", "GOGCFLAGS", "GOLDFLAGS",
            "KUBE_BUILDER_OS");

    private static final String FLAG_PREFIX = "flag.";

    public BuiltState {
        flags = Collections.unmodifiableSortedMap(new TreeMap<>(flags));
    }

    /** The {@link #FLAGS} among a build's environment, the user-info of any URL in them hidden. */
    public static Map<String, String> flagsOf(Map<String, String> environment) {
        Map<String, String> flags = new TreeMap<>();
        FLAGS.forEach(name -> {
            if (environment.get(name) != null) {
                flags.put(name, CredentialRedaction.redact(environment.get(name)));
            }
        });
        return flags;
    }

    public static Path fileOf(Path root) {
        return root.resolve(OutputFolder.PLUGIN_FOLDER).resolve("built-state.properties");
    }

    public void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("versionDefs", versionDefs.toFileText());
        if (sourceDateEpoch != null) {
            properties.setProperty("sourceDateEpoch", Long.toString(sourceDateEpoch));
        }
        flags.forEach((name, value) -> properties.setProperty(FLAG_PREFIX + name, value));
        putIfKnown(properties, "buildContext", buildContext);
        putIfKnown(properties, "crossImage", crossImage);
        putIfKnown(properties, "crossImageId", crossImageId);
        putIfKnown(properties, "goCache", goCache);
        OutputFolder.writeAtomically(file, out -> properties.store(out, null));
    }

    private static void putIfKnown(Properties properties, String name, String value) {
        if (value != null) {
            properties.setProperty(name, value);
        }
    }

    public static Optional<BuiltState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String defs = properties.getProperty("versionDefs");
        if (defs == null) {
            return Optional.empty();
        }
        String epoch = properties.getProperty("sourceDateEpoch");
        Map<String, String> flags = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(name -> name.startsWith(FLAG_PREFIX))
                .forEach(name -> flags.put(name.substring(FLAG_PREFIX.length()), properties.getProperty(name)));
        return Optional.of(new BuiltState(VersionDefs.parse(defs), epoch == null ? null : Long.valueOf(epoch), flags,
                properties.getProperty("buildContext"), properties.getProperty("crossImage"), properties.getProperty("crossImageId"),
                properties.getProperty("goCache")));
    }
}
