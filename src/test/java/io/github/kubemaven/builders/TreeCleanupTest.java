package io.github.kubemaven.builders;

import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.naming.BuildNames;
import org.junit.jupiter.api.Test;

import static io.github.kubemaven.builders.Sessions.NAMES;
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
        new TreeCleanup(engine, NAMES, log).olderVersions();
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

    @Test
    void volumesTakenOverGoWithTheBranchThatHoldsThemAndStayWithItOtherwise() {
        BuildNames topic = BuildNames.of("5555555555", "5", "v1.19.8-1");
        engine.existing(ContainerSpec.builder(topic.dataContainer(), topic.image()).labels(takenOver(topic, NAMES.dataContainer())).build(), false, 0);
        BuildVolume.volumesOf(NAMES.dataContainer()).keySet().forEach(volume -> engine.createVolume(volume, NAMES.labels("volume")));
        engine.createVolume(OTHER_TREE.dataVolume("src"), OTHER_TREE.labels("volume"));

        TreeCleanup.everything(engine, NAMES.treeHash(), log);
        assertThat(engine.volumes).as("the branch that gave its volumes up leaves them to the one that holds them")
                .containsKeys(NAMES.dataVolume("src"), NAMES.dataVolume("go-pkg-linux_amd64_cgo"));
        new TreeCleanup(engine, NAMES, log).olderVersions();
        assertThat(engine.volumes).containsKeys(NAMES.dataVolume("src"));

        TreeCleanup.everything(engine, topic.treeHash(), log);
        assertThat(engine.containerNames()).isEmpty();
        assertThat(engine.volumes).as("the holder's volumes go with it, though labelled with the branch they came from")
                .containsOnlyKeys(OTHER_TREE.dataVolume("src"));
    }

    private static java.util.Map<String, String> takenOver(BuildNames names, String volumeSet) {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(names.labels("data"));
        labels.put(BuildNames.VOLUMES_LABEL, volumeSet);
        return labels;
    }
}
