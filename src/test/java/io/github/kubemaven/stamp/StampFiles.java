package io.github.kubemaven.stamp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The up-to-date records a tree holds. */
public final class StampFiles {

    private StampFiles() {
    }

    /** The records of the builder {@code recordName} in the tree at {@code root}, one per branch built. */
    public static List<Path> of(Path root, String recordName) {
        Path folder = root.resolve("_output/kube-maven");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().matches("build-" + recordName + "-[0-9a-f]{10}\\.stamp")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
