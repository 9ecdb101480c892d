package io.github.kubemaven.transport;

import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.ground.OutputProblem;
import io.github.kubemaven.stamp.UpToDateRecord;
import io.github.kubemaven.tree.SnapshotFile;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /** Where the tree at {@code root} records what its last sync-in into the volumes of one data container sent. */
    public static Path fileOf(Path root, String volumeKey) {
        return root.resolve(FOLDER).resolve(PREFIX + volumeKey + SUFFIX);
    }

    /**
     * Tells every record of the tree at {@code root} of inputs and generated files touched with their content
     * unchanged: a record that knew such a file as it was knows it as it is now, so that the next sync-in leaves it out.
     * The volume's copy keeps its older time, with the same content. Each record keeps its own time, which tells the most
     * recent sync-in.
     */
    public static void retimeEvery(Path root, Map<String, UpToDateRecord.Retimed> retimed) {
        Path folder = root.resolve(FOLDER);
        if (retimed.isEmpty() || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.getFileName().toString().startsWith(PREFIX) && file.getFileName().toString().endsWith(SUFFIX))
                    .forEach(file -> new SentRecord(file).retime(retimed));
        } catch (IOException e) {
            throw OutputProblem.of(folder, e);
        }
    }

    private void retime(Map<String, UpToDateRecord.Retimed> retimed) {
        Optional<TreeSnapshot> sent = read();
        if (sent.isEmpty()) {
            return;
        }
        Map<String, TreeSnapshot.Entry> inputs = new TreeMap<>(sent.get().inputs());
        Map<String, TreeSnapshot.Entry> generated = new TreeMap<>(sent.get().generated());
        boolean changed = retimeIn(inputs, retimed) | retimeIn(generated, retimed);
        if (changed) {
            try {
                FileTime written = Files.getLastModifiedTime(file);
                write(new TreeSnapshot(sent.get().takenAtMillis(), inputs, generated, Map.of()));
                Files.setLastModifiedTime(file, written);
            } catch (IOException e) {
                throw OutputProblem.of(file.getParent(), e);
            }
        }
    }

    /** Whether any file of {@code files} held as it was is now held as it is. */
    private static boolean retimeIn(Map<String, TreeSnapshot.Entry> files, Map<String, UpToDateRecord.Retimed> retimed) {
        boolean changed = false;
        for (Map.Entry<String, UpToDateRecord.Retimed> file : retimed.entrySet()) {
            TreeSnapshot.Entry held = files.get(file.getKey());
            if (held != null && held.sizeAndTime().equals(file.getValue().was().sizeAndTime())) {
                files.put(file.getKey(), file.getValue().now());
                changed = true;
            }
        }
        return changed;
    }

    private static final String FOLDER = OutputFolder.PLUGIN_FOLDER;
    private static final String PREFIX = "sent-";
    private static final String SUFFIX = ".json";
}
