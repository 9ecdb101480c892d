package io.github.kubemaven.release;

import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.version.VersionDefs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The state the binaries in {@code _output/} were built from: the version stamp and SOURCE_DATE_EPOCH of the last
 * build that brought them out. Packaging those binaries later takes the same stamp and time, so the tarballs say
 * what the binaries say.
 *
 * @param versionDefs     the stamp the build read
 * @param sourceDateEpoch the build's SOURCE_DATE_EPOCH, or null when it had none
 */
public record BuiltState(VersionDefs versionDefs, Long sourceDateEpoch) {

    public static BuiltState of(VersionDefs versionDefs, Long sourceDateEpoch) {
        return new BuiltState(versionDefs, sourceDateEpoch);
    }

    public static Path fileOf(Path root) {
        return root.resolve("_output/kube-maven/built-state.properties");
    }

    public void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("versionDefs", versionDefs.toFileText());
        if (sourceDateEpoch != null) {
            properties.setProperty("sourceDateEpoch", Long.toString(sourceDateEpoch));
        }
        OutputFolder.writeAtomically(file, out -> properties.store(out, null));
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
        return Optional.of(new BuiltState(VersionDefs.parse(defs), epoch == null ? null : Long.valueOf(epoch)));
    }
}
