package io.github.kubemaven.stamp;

import io.github.kubemaven.tree.SnapshotFile;
import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RecordKeyTest {

    private static final RecordKey KEY = RecordKey.of("sha256:image", "RSYNC", List.of("make"),
            Map.of("KUBE_BUILD_PLATFORMS", "linux/amd64", "HTTPS_PROXY", "http://alice:s3cret@proxy:3128", "NPM_TOKEN", "npm_secret"));

    @TempDir
    Path root;

    @Test
    void itsTextAndItsRecordGiveTheSameKeyBack() {
        assertThat(RecordKey.parse(KEY.text())).isEqualTo(KEY);
        Path file = root.resolve("build.stamp");
        new BuildStamp(KEY, TreeSnapshot.take(root, root.resolve("bin")), Map.of()).write(file);
        assertThat(BuildStamp.read(file).orElseThrow().key()).isEqualTo(KEY);
        assertThat(BuildStamp.keyIn(file)).contains(KEY);
    }

    @Test
    void onlyTheHashesTellWhetherTheSettingsAreTheSame() {
        RecordKey old = new RecordKey(KEY.hashes(), Map.of());
        assertThat(old.sameSettings(KEY)).isTrue();
        assertThat(RecordKey.parse(old.text())).isEqualTo(old);
        assertThat(RecordKey.parse("key").sameSettings(RecordKey.parse("another key"))).isFalse();
    }

    @Test
    void aRecordAnOlderPluginWroteIsReadWithoutValues() throws IOException {
        Path file = root.resolve("build.stamp");
        SnapshotFile.write(file, Map.of("key", KEY.hashes()), TreeSnapshot.take(root, root.resolve("bin")));
        Optional<BuildStamp> read = BuildStamp.read(file);
        assertThat(read).map(BuildStamp::key).contains(new RecordKey(KEY.hashes(), Map.of()));
        RecordKey platforms = RecordKey.of("sha256:image", "RSYNC", List.of("make"),
                Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64", "HTTPS_PROXY", "http://alice:s3cret@proxy:3128", "NPM_TOKEN", "npm_secret"));
        assertThat(UpToDateCheck.reasonToBuild(read, platforms, read.get().snapshot(), root, root.resolve("bin")))
                .contains("the platforms (KUBE_BUILD_PLATFORMS) changed");
        assertThat(Files.readString(file)).doesNotContain("linux/amd64");
    }

    @Test
    void noSecretReachesTheRecordOrTheKeysText() throws IOException {
        Path file = root.resolve("build.stamp");
        new BuildStamp(KEY, TreeSnapshot.take(root, root.resolve("bin")), Map.of()).write(file);
        assertThat(Files.readString(file)).contains("http://***@proxy:3128", "linux/amd64")
                .doesNotContain("s3cret", "alice", "npm_secret");
        assertThat(KEY.text()).doesNotContain("s3cret", "alice", "npm_secret");
    }
}
