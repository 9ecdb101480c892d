package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.naming.BuildNames;
import org.junit.jupiter.api.Test;

import static io.github.kubemaven.builders.containers.Sessions.NAMES;
import static org.assertj.core.api.Assertions.assertThat;

class TreeCleanupTest {

    private static final BuildNames OTHER_TREE = BuildNames.of("9876543210", "5", "v1.19.8-1");
    private static final BuildNames OLDER_VERSION = BuildNames.of(NAMES.treeHash(), "4", "v1.19.8-1");

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingLog log = new RecordingLog();

    private void container(BuildNames names, String name, String role, boolean running) {
        engine.existing(ContainerSpec.builder(name, names.image()).labels(names.labels(role)).build(), running, 0);
    }

    @Test
    void leftoversOfDeadRunsAreThisTreesRsyncAndBuildContainersOnly() {
        container(NAMES, NAMES.dataContainer(), "data", false);
        container(NAMES, NAMES.rsyncContainer(), "rsync", true);
        container(NAMES, NAMES.buildContainer(), "build", true);
        container(OTHER_TREE, OTHER_TREE.buildContainer(), "build", true);
        new TreeCleanup(engine, NAMES, log).leftoversOfDeadRuns();
        assertThat(engine.containerNames()).containsExactlyInAnyOrder(NAMES.dataContainer(), OTHER_TREE.buildContainer());
    }

    @Test
    void olderVersionsGoWithTheirVolumesAndImages() {
        container(NAMES, NAMES.dataContainer(), "data", false);
        container(OLDER_VERSION, OLDER_VERSION.dataContainer(), "data", false);
        engine.createVolume(NAMES.dataVolume("src"), NAMES.labels("volume"));
        engine.createVolume(OLDER_VERSION.dataVolume("src"), OLDER_VERSION.labels("volume"));
        engine.images.put(NAMES.image(), new ImageInfo("sha256:new", NAMES.labels("image")));
        engine.images.put(OLDER_VERSION.image(), new ImageInfo("sha256:old", OLDER_VERSION.labels("image")));
        assertThat(new TreeCleanup(engine, NAMES, log).olderVersions()).as("a volume went").isTrue();
        assertThat(new TreeCleanup(engine, NAMES, log).olderVersions()).as("none left to go").isFalse();
        assertThat(engine.containerNames()).containsExactly(NAMES.dataContainer());
        assertThat(engine.volumes).containsOnlyKeys(NAMES.dataVolume("src"));
        assertThat(engine.images).containsOnlyKeys(NAMES.image());
    }

    @Test
    void everythingOfTheTreeGoesAndNothingOfAnother() {
        container(NAMES, NAMES.dataContainer(), "data", false);
        container(OTHER_TREE, OTHER_TREE.dataContainer(), "data", false);
        engine.images.put(NAMES.image(), new ImageInfo("sha256:mine", NAMES.labels("image")));
        engine.images.put(OTHER_TREE.image(), new ImageInfo("sha256:theirs", OTHER_TREE.labels("image")));
        TreeCleanup.everything(engine, NAMES.treeHash(), log);
        assertThat(engine.containerNames()).containsExactly(OTHER_TREE.dataContainer());
        assertThat(engine.images).containsOnlyKeys(OTHER_TREE.image());
    }
}
