package io.github.kubemaven.transport;

import io.github.kubemaven.tree.SnapshotFile;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the last sync-in into one build volume sent, kept for copy-out, which may come in a later run
 * ({@code kube:copy-output}).
 */
public final class SentRecord {

    private final Path file;

    public SentRecord(Path file) {
        this.file = file;
    }

    public void write(TreeSnapshot sent) {
        SnapshotFile.write(file, Map.of(), new TreeSnapshot(sent.takenAtMillis(), sent.inputs(), sent.generated(), Map.of()));
    }

    public Optional<TreeSnapshot> read() {
        return SnapshotFile.read(file).map(SnapshotFile.Contents::snapshot);
    }
}
