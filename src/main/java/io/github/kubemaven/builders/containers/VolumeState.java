package io.github.kubemaven.builders.containers;

import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.OutputFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * What the tree knows of its build volume, kept as marker files beside the sync-in record:
 * <ul>
 *   <li>whether a run stopped (Ctrl-C, a dead engine) while it wrote the volume: made before sync-in and removed once
 *   the command ended by itself. A volume written by an interrupted make may hold half-written generated files that
 *   look newer than their inputs, so the next run makes those files anew.</li>
 *   <li>whether the volume's sources are still what the last sync-in sent: set when a make of the build's own targets
 *   ended by itself, and cleared before every sync-in; any other command may have changed sources in the volume. While
 *   it is set, the next sync-in sends only the files that differ from that record.</li>
 *   <li>whether the volume was filled from another tree's and still holds what that tree's builds generated: a
 *   release build then makes the generated files anew.</li>
 *   <li>the hashes of the code generators a seed brought along, which copy-out leaves in the volume.</li>
 * </ul>
 */
final class VolumeState {

    private final Path writing;
    private final Path mirrorsSent;
    private final Path seededElsewhere;
    private final Path carried;

    private VolumeState(Path writing, Path mirrorsSent, Path seededElsewhere, Path carried) {
        this.writing = writing;
        this.mirrorsSent = mirrorsSent;
        this.seededElsewhere = seededElsewhere;
        this.carried = carried;
    }

    /** The state of a data container's volumes ({@link BuildVolume#recordKey}), kept in the tree at {@code root}. */
    static VolumeState of(Path root, String volumeKey) {
        Path folder = root.resolve(OutputFolder.PLUGIN_FOLDER);
        return new VolumeState(folder.resolve("volume-" + volumeKey + ".writing"), folder.resolve("volume-" + volumeKey + ".mirrors-sent"),
                folder.resolve("volume-" + volumeKey + ".seeded-elsewhere"), folder.resolve("volume-" + volumeKey + ".carried"));
    }

    boolean wasInterrupted() {
        return Files.exists(writing);
    }

    void writing() {
        create(writing);
        remove(mirrorsSent);
    }

    void settled() {
        remove(writing);
    }

    boolean mirrorsSent() {
        return Files.exists(mirrorsSent) && !wasInterrupted();
    }

    /** After the volume was filled from another tree's. */
    void seededElsewhere() {
        create(seededElsewhere);
    }

    boolean holdsAnotherTreesWork() {
        return Files.exists(seededElsewhere, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** After a sync-in that removed the generated files, so that make generates them from this tree's sources. */
    void ownWorkOnly() {
        remove(seededElsewhere);
    }

    /** After a seed brought code generators along: the SHA-256 of each. */
    void carried(Set<String> hashes) {
        if (!hashes.isEmpty()) {
            OutputFolder.writeAtomically(carried, out -> out.write(String.join("\n", hashes).getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** The SHA-256 of each code generator the volume's seed brought along; none when it brought none. */
    Set<String> carriedHashes() {
        try {
            if (!Files.isRegularFile(LinkFreePaths.requireNoLink(carried), LinkOption.NOFOLLOW_LINKS)) {
                return Set.of();
            }
            return Set.copyOf(Files.readAllLines(carried, StandardCharsets.US_ASCII).stream().filter(line -> !line.isBlank()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + carried, e);
        }
    }

    /** After the carried generators left the volume. */
    void carriedGone() {
        remove(carried);
    }

    /** After a command that writes no source in the volume ended by itself. */
    void sourcesAsSent() {
        create(mirrorsSent);
    }

    private static void create(Path marker) {
        try {
            LinkFreePaths.createFolders(marker.getParent());
            if (!Files.exists(LinkFreePaths.requireNoLink(marker), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + marker, e);
        }
    }

    private static void remove(Path marker) {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + marker, e);
        }
    }
}
