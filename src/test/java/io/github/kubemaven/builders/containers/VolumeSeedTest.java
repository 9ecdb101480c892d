package io.github.kubemaven.builders.containers;

import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeSeedTest {

    private static TreeSnapshot.Entry file(long size, long time, String mode) {
        return new TreeSnapshot.Entry(size + ":" + time + ":" + mode, null);
    }

    @Test
    void inputsDifferBySizeTargetOrPresenceButNotByTimeOrPermissions() {
        Map<String, TreeSnapshot.Entry> sent = Map.of(
                "cmd/kubectl/kubectl.go", file(900, 1, "rw-r--r--"),
                "staging/src/k8s.io/api/core/v1/types.go", file(5000, 1, "rw-r--r--"),
                "hack/run.sh", file(40, 1, "rwxr-xr-x"),
                "vendor/k8s.io/api", new TreeSnapshot.Entry("link:../../staging/src/k8s.io/api", null),
                "pkg", new TreeSnapshot.Entry("dir:rwxr-xr-x", null),
                "gone.go", file(10, 1, "rw-r--r--"));
        Map<String, TreeSnapshot.Entry> sameButTimes = new java.util.HashMap<>();
        sent.forEach((path, entry) -> sameButTimes.put(path, entry.isFile()
                ? new TreeSnapshot.Entry(entry.sizeAndTime().replaceFirst(":1:", ":7:"), null) : entry));
        assertThat(VolumeSeed.differingInputs(sent, sameButTimes)).as("another checkout of the same commit").isZero();

        Map<String, TreeSnapshot.Entry> changed = new java.util.HashMap<>(sent);
        changed.put("staging/src/k8s.io/api/core/v1/types.go", file(5200, 1, "rw-r--r--"));
        changed.put("hack/run.sh", file(40, 1, "rw-r--r--"));
        changed.put("vendor/k8s.io/api", new TreeSnapshot.Entry("link:elsewhere", null));
        changed.put("pkg", new TreeSnapshot.Entry("dir:rwxrwxr-x", null));
        changed.remove("gone.go");
        changed.put("new.go", file(10, 1, "rw-r--r--"));
        assertThat(VolumeSeed.differingInputs(sent, changed)).as("size, target, one added, one gone; not permissions").isEqualTo(4);
        Map<String, TreeSnapshot.Entry> replaced = new java.util.HashMap<>(sent);
        replaced.put("pkg", file(3, 1, "rw-r--r--"));
        assertThat(VolumeSeed.differingInputs(sent, replaced)).as("a folder replaced by a file").isEqualTo(1);
    }

    @Test
    void theNearestComesFirstAndTheOrderHoldsOtherwise() {
        List<String> newestFirst = List.of("api-branch", "master", "old", "unknown");
        assertThat(VolumeSeed.nearestFirst(newestFirst, Map.of("api-branch", 3, "master", 0, "old", 0)))
                .containsExactly("master", "old", "api-branch", "unknown");
        assertThat(VolumeSeed.nearestFirst(newestFirst, Map.of())).containsExactlyElementsOf(newestFirst);
    }
}
