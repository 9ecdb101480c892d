package io.github.kubemaven.transport;

import io.github.kubemaven.stamp.UpToDateCheck;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an incremental sync-in sends: the sources and generated files that are new or differ from what the last
 * sync-in sent, by size, time and permissions (content where the record knew it).
 */
public final class SyncChanges {

    /** Past this many changed paths, the full sync is as quick and simpler. */
    public static final int MOST = 2000;

    private SyncChanges() {
    }

    /**
     * @return the changed paths, relative to {@code root}; empty when a path left the tree or more than {@code most} changed
     */
    public static Optional<List<String>> between(TreeSnapshot sent, TreeSnapshot now, Path root, int most) {
        List<String> changed = new ArrayList<>();
        boolean complete = collect(sent.inputs(), now.inputs(), root, most, changed)
                && collect(sent.generated(), now.generated(), root, most, changed);
        return complete ? Optional.of(changed) : Optional.empty();
    }

    /** Adds the paths of {@code current} that {@code then} lacks or knew otherwise; false when that is not enough. */
    private static boolean collect(Map<String, TreeSnapshot.Entry> then, Map<String, TreeSnapshot.Entry> current, Path root, int most,
                                   List<String> changed) {
        if (!current.keySet().containsAll(then.keySet())) {
            return false;
        }
        for (Map.Entry<String, TreeSnapshot.Entry> entry : current.entrySet()) {
            TreeSnapshot.Entry old = then.get(entry.getKey());
            if (old == null || UpToDateCheck.changed(old, entry.getValue(), TreeKeys.path(root, entry.getKey()))) {
                changed.add(entry.getKey());
                if (changed.size() > most) {
                    return false;
                }
            }
        }
        return true;
    }
}
