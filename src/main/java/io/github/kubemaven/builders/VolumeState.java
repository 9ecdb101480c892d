package io.github.kubemaven.builders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a run stopped (Ctrl-C, a dead engine) while it wrote the build volume: a marker file made before sync-in
 * and removed once the command ended by itself. A volume written by an interrupted make may hold half-written
 * generated files that look newer than their inputs, so the next run makes those files anew.
 */
final class VolumeState {

    private final Path marker;

    VolumeState(Path marker) {
        this.marker = marker;
    }

    /** The state of the volumes of {@code dataContainer}, kept in the tree at {@code root}. */
    static VolumeState of(Path root, String dataContainer) {
        return new VolumeState(root.resolve("_output/kube-maven/volume-" + dataContainer + ".writing"));
    }

    boolean wasInterrupted() {
        return Files.exists(marker);
    }

    void writing() {
        try {
            Files.createDirectories(marker.getParent());
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + marker, e);
        }
    }

    void settled() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + marker, e);
        }
    }
}
