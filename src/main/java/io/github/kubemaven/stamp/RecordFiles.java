package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.OutputFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The up-to-date record files of one builder in a tree's record folder, one per branch (scope):
 * {@code build-<builder>-<branch>.stamp}, with the stash of each branch's binaries beside them.
 */
final class RecordFiles {

    private static final String PREFIX = "build-";
    private static final String SUFFIX = ".stamp";

    private final Path folder;
    private final String recordName;

    /**
     * @param folder     where the records are kept
     * @param recordName the builder's name, as each builder keeps records of its own
     */
    RecordFiles(Path folder, String recordName) {
        this.folder = folder;
        this.recordName = recordName;
    }

    private Path fileOf(String scope) {
        return folder.resolve(PREFIX + recordName + "-" + scope + SUFFIX);
    }

    /** {@code scope}'s record; empty when there is none or it cannot be read. */
    Optional<BuildStamp> read(String scope) {
        return BuildStamp.read(fileOf(scope));
    }

    /** Whether {@code scope}'s record was written under the settings of {@code key}, read without its snapshot. */
    boolean keyedAs(String scope, RecordKey key) {
        return BuildStamp.keyIn(fileOf(scope)).filter(key::sameSettings).isPresent();
    }

    void write(String scope, BuildStamp stamp) {
        stamp.write(fileOf(scope));
    }

    /** Deletes {@code scope}'s record, so that a build that fails now leaves nothing recorded. */
    void forget(String scope) {
        try {
            Files.deleteIfExists(fileOf(scope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The branches other than {@code scope} that have a record of this builder, whatever its key, the most recently written first. */
    List<String> scopesBesides(String scope) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        String prefix = PREFIX + recordName + "-";
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(prefix) && name.endsWith(SUFFIX) && !file.equals(fileOf(scope));
                    })
                    .sorted(Comparator.comparing(OutputFolder::modifiedOrEpoch).reversed())
                    .map(file -> {
                        String name = file.getFileName().toString();
                        return name.substring(prefix.length(), name.length() - SUFFIX.length());
                    })
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The stash of this builder's binaries, one per branch. */
    BinaryStash stash(BuildLog log) {
        return new BinaryStash(folder.resolve("binaries-" + recordName), log);
    }
}
