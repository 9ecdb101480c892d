package io.github.kubemaven.pipeline;

import io.github.kubemaven.uptodate.SnapshotFile;
import io.github.kubemaven.uptodate.TreeSnapshot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the last sync-in into one build volume sent, kept for copy-out, which may come in a later run
 * ({@code kube:copy-output}).
 */
final class SentRecord {

    private final Path file;

    SentRecord(Path file) {
        this.file = file;
    }

    void write(TreeSnapshot sent) {
        SnapshotFile.write(file, Map.of(), new TreeSnapshot(sent.takenAtMillis(), sent.inputs(), sent.generated(), Map.of()));
    }

    Optional<TreeSnapshot> read() {
        return SnapshotFile.read(file).map(SnapshotFile.Contents::snapshot);
    }
}
