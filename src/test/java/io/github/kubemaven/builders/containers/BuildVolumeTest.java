package io.github.kubemaven.builders.containers;

import io.github.kubemaven.config.CacheSettings;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.transport.SentRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.kubemaven.builders.containers.Sessions.NAMES;
import static org.assertj.core.api.Assertions.assertThat;

class BuildVolumeTest {

    private static final HostIdentity HOST = new HostIdentity("builder", "1000", "1000");
    private static final BuildNames MAIN = BuildNames.of("aaaaaaaaaa", "5", "v1.19.8-1");

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingLog log = new RecordingLog();
    @TempDir
    Path root;
    @TempDir
    Path otherCheckout;

    /** A branch built before, of the checkout at {@code checkout}: its data container, volumes and sync-in record. */
    private void builtBranch(BuildNames branch, Path checkout, boolean layered) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>(branch.labels("data"));
        labels.put(BuildNames.ROOT_LABEL, checkout.toString());
        labels.put(BuildNames.HOST_LABEL, HOST.hostname());
        String id = engine.existing(ContainerSpec.builder(branch.dataContainer(), NAMES.image()).labels(labels).build(), false, 0).id;
        Map<String, String> volumeLabels = new LinkedHashMap<>(branch.labels("volume"));
        if (layered) {
            String store = LayerStore.nameOf(HOST, NAMES.version());
            volumeLabels.put(BuildNames.LAYERS_LABEL, store);
            engine.volumeLabels(store).forEach((key, value) -> {
                if (key.endsWith("layers-generation")) {
                    volumeLabels.put(key, value);
                }
            });
        }
        engine.createVolume(branch.dataVolume("src"), volumeLabels);
        Path record = SentRecord.fileOf(checkout, BuildVolume.recordKey(branch.dataContainer(), id));
        Files.createDirectories(record.getParent());
        Files.writeString(record, "");
    }

    private BuildVolume volume() {
        engine.overlayVolumes = true;
        engine.outputs.put("seed", "overlay\n");
        return new BuildVolume(Sessions.on(engine, root, log), CacheSettings.Seed.CHECKOUTS);
    }

    @Test
    void aNewBranchOfTheCheckoutStacksTheLayersOfAnotherInsteadOfCopyingThem() throws IOException {
        BuildVolume volume = volume();
        LayerStore.open(Sessions.on(engine, root, log)).orElseThrow();
        builtBranch(MAIN, root, true);
        volume.ensure(null);
        assertThat(engine.volumeMounts.get(NAMES.dataVolume("src")).get("o")).contains("/branches/" + NAMES.dataVolume("src") + "/cur/u");
        List<String> branch = engine.specs(NAMES.dataContainer() + "-branch").get(0).command();
        assertThat(branch).containsSubsequence(MAIN.dataVolume("src"), NAMES.dataVolume("src"));
        assertThat(engine.specs(NAMES.dataContainer() + "-seed")).hasSize(1);
        assertThat(engine.specs(NAMES.dataContainer() + "-seed").get(0).volumeMounts()).as("the new volumes only: no copy")
                .containsEntry(NAMES.dataVolume("src"), "/volume/src").doesNotContainKey(MAIN.dataVolume("src"));
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Seeded the new build volume from this tree's build volume "
                + MAIN.dataContainer() + " by stacking its layers"));
    }

    @Test
    void aBranchOfAnotherCheckoutInTheStoreLendsItsFrozenLayersAndTheRestIsCopied() throws IOException {
        BuildVolume volume = volume();
        LayerStore.open(Sessions.on(engine, root, log)).orElseThrow();
        builtBranch(MAIN, otherCheckout, true);
        volume.ensure(null);
        List<String> branch = engine.specs(NAMES.dataContainer() + "-branch").get(0).command();
        assertThat(branch).containsSubsequence("share", MAIN.dataVolume("src"), NAMES.dataVolume("src"));
        ContainerSpec share = engine.specs(NAMES.dataContainer() + "-seed").get(0);
        assertThat(share.volumeMounts()).containsEntry(MAIN.dataVolume("src"), "/seed/src").containsEntry(NAMES.dataVolume("src"), "/volume/src")
                .containsEntry(LayerStore.nameOf(HOST, NAMES.version()), "/store");
        assertThat(share.command()).contains("src=" + MAIN.dataVolume("src"));
        assertThat(share.readOnlyPaths()).as("the seed and the store are only read").containsExactlyInAnyOrder("/seed/src", "/store");
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Seeded the new build volume from the build volume of " + otherCheckout + ", "
                + MAIN.dataContainer() + " by stacking its layers"));
    }

    @Test
    void theGeneratedFilesTheSeedingListedServeTheFirstSyncInOnly() throws IOException {
        BuildVolume volume = volume();
        LayerStore.open(Sessions.on(engine, root, log)).orElseThrow();
        builtBranch(MAIN, otherCheckout, true);
        engine.outputsByName.put(NAMES.dataContainer() + "-seed", "carried " + "a".repeat(64) + "  /volume/src/_output/bin/deepcopy-gen\n"
                + "generated pkg/apis/core/zz_generated.deepcopy.go\ngenerated pkg/gone/zz_generated.conversion.go\n");
        volume.ensure(null);

        assertThat(volume.takeGeneratedListedAtSeeding()).contains(List.of("pkg/apis/core/zz_generated.deepcopy.go",
                "pkg/gone/zz_generated.conversion.go"));
        assertThat(volume.takeGeneratedListedAtSeeding()).as("a later sync-in lists the volume itself").isEmpty();
        assertThat(volume.carriedGenerators()).containsExactly("a".repeat(64));
        assertThat(log.lines()).noneMatch(line -> line.startsWith("generated "));
    }

    @Test
    void aBranchOfAnotherCheckoutWithoutFrozenLayersIsCopiedIntoTheNewOverlay() throws IOException {
        BuildVolume volume = volume();
        LayerStore.open(Sessions.on(engine, root, log)).orElseThrow();
        builtBranch(MAIN, otherCheckout, true);
        engine.exitCodesByName.put(NAMES.dataContainer() + "-branch", 5);
        engine.outputsByName.put(NAMES.dataContainer() + "-branch", "nothing frozen: " + MAIN.dataVolume("src") + "\n");
        volume.ensure(null);
        assertThat(engine.specs(NAMES.dataContainer() + "-seed").get(0).volumeMounts())
                .containsEntry(MAIN.dataVolume("src"), "/seed/src").containsEntry(NAMES.dataVolume("src"), "/volume/src")
                .doesNotContainKey(LayerStore.nameOf(HOST, NAMES.version()));
    }

    @Test
    void aBranchOfAnotherCheckoutOutsideTheStoreIsCopiedIntoTheNewOverlay() throws IOException {
        BuildVolume volume = volume();
        builtBranch(MAIN, otherCheckout, false);
        volume.ensure(null);
        assertThat(engine.specs(NAMES.dataContainer() + "-branch")).isEmpty();
        assertThat(engine.specs(NAMES.dataContainer() + "-seed").get(0).volumeMounts())
                .containsEntry(MAIN.dataVolume("src"), "/seed/src").containsEntry(NAMES.dataVolume("src"), "/volume/src");
        assertThat(engine.volumeMounts).containsKey(NAMES.dataVolume("src"));
    }

    @Test
    void anEngineThatCannotMountTheOverlaysGetsPlainVolumesFromThenOn() {
        BuildVolume volume = volume();
        engine.failingOnce.put("run data", "Status 500: error while mounting volume '/var/lib/docker/volumes/" + NAMES.dataVolume("src")
                + "/_data': failed to mount local volume: invalid argument");
        volume.ensure(null);
        assertThat(log.warnings()).anyMatch(line -> line.startsWith("The engine could not mount the build volumes as overlays (Status 500: "
                + "error while mounting volume") && line.endsWith("the build volumes of this host's checkouts are plain volumes on it from now on."));
        assertThat(engine.volumes.get(NAMES.dataVolume("src"))).doesNotContainKey(BuildNames.LAYERS_LABEL);
        assertThat(engine.specs(NAMES.dataContainer())).hasSize(2);
        assertThat(LayerStore.open(Sessions.on(engine, root, log))).as("later runs do not try again").isEmpty();
        assertThat(LayerStore.mountable(engine, NAMES.dataVolume("src"))).isTrue();
    }

    @Test
    void aMountFailureBecauseTheStoreWentMarksNothing() {
        BuildVolume volume = volume();
        String store = LayerStore.nameOf(HOST, NAMES.version());
        engine.failingOnce.put("run data", "Status 500: error while mounting volume '/var/lib/docker/volumes/" + NAMES.dataVolume("src")
                + "/_data': failed to mount local volume: no such file or directory");
        engine.beforeFailing = () -> {
            engine.removeContainer(store);
            engine.removeVolume(store);
            engine.createVolume(store, Map.of());
        };
        volume.ensure(null);
        assertThat(log.warnings()).isEmpty();
        assertThat(engine.volumes).doesNotContainKey(store + "-plain");
        assertThat(engine.volumes.get(NAMES.dataVolume("src"))).doesNotContainKey(BuildNames.LAYERS_LABEL);
    }

    @Test
    void aReusedDataContainerWhoseOverlaysCannotMountIsMadeAnewWithPlainVolumes() throws IOException {
        BuildVolume volume = volume();
        builtBranch(NAMES, root, true);
        engine.overlayVolumes = false;
        volume.ensure(null);
        assertThat(log.lines()).contains("The build volumes of " + NAMES.dataContainer() + " are overlays this engine cannot mount; making them anew");
        assertThat(engine.volumes.get(NAMES.dataVolume("src"))).doesNotContainKey(BuildNames.LAYERS_LABEL);
    }
}
