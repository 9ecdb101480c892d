package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.naming.BuildNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.kubemaven.builders.containers.Sessions.NAMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerStoreTest {

    private static final HostIdentity HOST = new HostIdentity("builder", "1000", "1000");

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingLog log = new RecordingLog();
    @TempDir
    Path root;

    private ContainerSession session() {
        engine.overlayVolumes = true;
        return Sessions.on(engine, root, log);
    }

    private Map<String, Map<String, String>> volumes(String... names) {
        Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
        for (String name : names) {
            volumes.put(name, NAMES.labels("volume"));
        }
        return volumes;
    }

    @Test
    void aVolumeMountsTheWritableFolderOfItsCurrentStackOverEverySlotTopFirst() {
        Map<String, String> options = LayerStore.mountOptions("/var/lib/docker/volumes/store/_data", "kube-mvn-data-1-src");
        String branch = "/var/lib/docker/volumes/store/_data/branches/kube-mvn-data-1-src";
        String stack = branch + "/cur";
        assertThat(options).containsEntry("type", "overlay").containsEntry("device", "overlay");
        assertThat(options.get("o")).isEqualTo("lowerdir=" + stack + "/l1:" + stack + "/l2:" + stack + "/l3:" + stack + "/l4:"
                + stack + "/l5:" + stack + "/l6:" + stack + "/l7:" + stack + "/l8,upperdir=" + stack + "/u,workdir=" + branch + "/work"
                + ",redirect_dir=off,metacopy=off");
    }

    @Test
    void aFolderThatWouldBreakTheOptionListsOrOverflowAPageKeepsVolumesPlain() {
        String volume = NAMES.dataVolume("go-pkg-linux_ppc64le_cgo");
        assertThat(LayerStore.fitsMountOptions("/var/lib/docker/volumes/kube-mvn-layers-0123456789-5-v1.19.8-1/_data", volume)).isTrue();
        assertThat(LayerStore.fitsMountOptions("/data/a,b/_data", volume)).isFalse();
        assertThat(LayerStore.fitsMountOptions("/data/a:b/_data", volume)).isFalse();
        assertThat(LayerStore.fitsMountOptions("/data/a b/_data", volume)).isFalse();
        assertThat(LayerStore.fitsMountOptions("data/_data", volume)).isFalse();
        assertThat(LayerStore.fitsMountOptions("/" + "d".repeat(300) + "/_data", volume)).as("over the page the kernel takes").isFalse();
    }

    @Test
    void oneStorePerHostAndVersionWhateverTheCheckout() {
        String store = LayerStore.nameOf(HOST, "5-v1.19.8-1");
        assertThat(store).matches("kube-mvn-layers-[0-9a-f]{10}-5-v1\\.19\\.8-1");
        assertThat(LayerStore.nameOf(HOST, "5-v1.19.8-1")).isEqualTo(store);
        assertThat(LayerStore.nameOf(HOST, "6-v1.19.8-1")).isNotEqualTo(store);
        assertThat(LayerStore.nameOf(new HostIdentity("other", "1000", "1000"), "5-v1.19.8-1")).isNotEqualTo(store);
    }

    @Test
    void aVolumeOfTheStoresNameThatNoRunMadeIsMadeAnewAndTheVolumesThatNamedItNoLongerMount() {
        String name = LayerStore.nameOf(HOST, NAMES.version());
        engine.createVolume(name, Map.of(BuildNames.ROLE_LABEL, "layers", BuildNames.VERSION_LABEL, NAMES.version(),
                BuildNames.HOST_LABEL, HOST.hostname()));
        engine.createVolume("kube-mvn-data-other-src", Map.of(BuildNames.LAYERS_LABEL, name, BuildNames.LABEL_PREFIX + "layers-generation", "old"));
        assertThat(LayerStore.open(session())).isPresent();
        assertThat(engine.volumes.get(name)).containsKey(BuildNames.LABEL_PREFIX + "layers-generation");
        assertThat(LayerStore.mountable(engine, "kube-mvn-data-other-src")).isFalse();
    }

    @Test
    void volumesMadeWhileTheStoreWasRemovedAndMadeAnewArePlain() {
        engine.outputs.put("seed", "overlay\n");
        LayerStore store = LayerStore.open(session()).orElseThrow();
        engine.removeContainer(store.name());
        engine.removeVolume(store.name());
        engine.createVolume(store.name(), Map.of());
        assertThat(store.intact()).isFalse();
        assertThat(store.create(volumes(NAMES.dataVolume("src")))).isFalse();
        assertThat(engine.volumes).doesNotContainKey(NAMES.dataVolume("src"));
    }

    @Test
    void anEngineThatCannotMountOverlaysGetsNoStore() {
        assertThat(LayerStore.open(Sessions.on(engine, root, log))).isEmpty();
        assertThat(engine.volumes).isEmpty();
    }

    @Test
    void volumesBecomeOverlaysInTheStoreLabelledWithIt() {
        ContainerSession session = session();
        engine.outputs.put("seed", "overlay\n");
        LayerStore store = LayerStore.open(session).orElseThrow();
        String name = LayerStore.nameOf(HOST, NAMES.version());
        assertThat(engine.specs(name)).as("a created container holds the store").hasSize(1);
        assertThat(engine.specs(name).get(0).volumeMounts()).containsEntry(name, "/store");
        assertThat(engine.volumes.get(name)).containsEntry(BuildNames.ROLE_LABEL, "layers")
                .containsEntry(BuildNames.HOST_LABEL, "builder")
                .doesNotContainKey(BuildNames.ROOT_LABEL).doesNotContainKey(BuildNames.TREE_LABEL);

        assertThat(store.create(volumes(NAMES.dataVolume("src"), NAMES.dataVolume("go-pkg-linux_amd64_cgo")))).isTrue();
        assertThat(engine.volumes.get(NAMES.dataVolume("src"))).containsEntry(BuildNames.LAYERS_LABEL, name)
                .containsEntry(BuildNames.TREE_LABEL, NAMES.treeHash());
        assertThat(engine.volumeMounts.get(NAMES.dataVolume("src")).get("o"))
                .contains("upperdir=/var/lib/docker/volumes/" + name + "/_data/branches/" + NAMES.dataVolume("src") + "/cur/u,");
        assertThat(store.holdsAll(java.util.Set.of(NAMES.dataVolume("src"), NAMES.dataVolume("go-pkg-linux_amd64_cgo")))).isTrue();
        assertThat(store.holdsAll(java.util.Set.of("kube-mvn-data-other-src"))).isFalse();

        List<String> prepare = engine.specs(NAMES.dataContainer() + "-prepare").get(0).command();
        assertThat(prepare.subList(4, prepare.size())).as("slots, grace, volumes kept, then the volumes made anew")
                .containsExactly(String.valueOf(LayerStore.SLOTS), String.valueOf(LayerStore.GRACE_MINUTES), "--", "--", NAMES.dataVolume("src"), NAMES.dataVolume("go-pkg-linux_amd64_cgo"));
        assertThat(engine.specs(NAMES.dataContainer() + "-prepare").get(0).volumeMounts()).containsEntry(name, "/store");

        store.create(volumes(NAMES.dataVolume("go-pkg-linux_arm64_cgo")));
        List<String> again = engine.specs(NAMES.dataContainer() + "-prepare").get(1).command();
        assertThat(again.subList(4, again.size())).as("the volumes that exist keep their folders")
                .containsExactlyInAnyOrder(String.valueOf(LayerStore.SLOTS), String.valueOf(LayerStore.GRACE_MINUTES), NAMES.dataVolume("src"), NAMES.dataVolume("go-pkg-linux_amd64_cgo"),
                        "--", "--", NAMES.dataVolume("go-pkg-linux_arm64_cgo"));
    }

    @Test
    void onlyTheFeaturesTheKernelKnowsAreTurnedOff() {
        ContainerSession session = session();
        engine.outputs.put("seed", "overlay\noverlay knows redirect_dir\n");
        LayerStore.open(session).orElseThrow().create(volumes(NAMES.dataVolume("src")));
        assertThat(engine.volumeMounts.get(NAMES.dataVolume("src")).get("o")).endsWith("/work,redirect_dir=off");

        engine.outputs.put("seed", "overlay\n");
        LayerStore.open(session).orElseThrow().create(volumes(NAMES.dataVolume("go-pkg-linux_amd64_cgo")));
        assertThat(engine.volumeMounts.get(NAMES.dataVolume("go-pkg-linux_amd64_cgo")).get("o")).as("a kernel older than both").endsWith("/work");
    }

    @Test
    void aKernelWithoutOverlaysGetsPlainVolumesAndAStoreMarkedUnusableStaysSo() {
        ContainerSession session = session();
        LayerStore store = LayerStore.open(session).orElseThrow();
        assertThat(store.create(volumes(NAMES.dataVolume("src")))).isFalse();
        assertThat(engine.volumes).doesNotContainKey(NAMES.dataVolume("src"));

        store.markUnusable();
        String name = LayerStore.nameOf(HOST, NAMES.version());
        assertThat(engine.volumes).as("the store keeps its folders").containsKeys(name, name + "-plain");
        assertThat(LayerStore.open(session)).isEmpty();
        assertThat(LayerStore.removeUnused(engine, HOST, List.of(), false, log)).as("the mark stays for the runs to come").containsExactly(name);
        assertThat(LayerStore.open(session)).isEmpty();
        assertThat(LayerStore.removeUnused(engine, HOST, List.of(), true, log)).as("kube:clean of every branch takes it").containsExactly(name + "-plain");
        assertThat(engine.volumes).isEmpty();
    }

    @Test
    void aStoreWhoseHoldingContainerWentGetsItBack() {
        ContainerSession session = session();
        String name = LayerStore.nameOf(HOST, NAMES.version());
        LayerStore.open(session).orElseThrow();
        engine.removeContainer(name);
        LayerStore.open(session).orElseThrow();
        assertThat(engine.containerNames()).contains(name);
    }

    @Test
    void anOverlayMountsOnlyOnAnEngineThatMountsOverlaysWhileItsStoreIsUsable() {
        ContainerSession session = session();
        engine.outputs.put("seed", "overlay\n");
        LayerStore store = LayerStore.open(session).orElseThrow();
        store.create(volumes(NAMES.dataVolume("src")));
        engine.createVolume("plain", NAMES.labels("volume"));
        assertThat(LayerStore.mountable(engine, NAMES.dataVolume("src"))).isTrue();
        assertThat(LayerStore.mountable(engine, "plain")).isTrue();
        engine.overlayVolumes = false;
        assertThat(LayerStore.mountable(engine, NAMES.dataVolume("src"))).as("a cluster's pods").isFalse();
        assertThat(LayerStore.mountable(engine, "plain")).isTrue();
        engine.overlayVolumes = true;
        String name = LayerStore.nameOf(HOST, NAMES.version());
        engine.removeContainer(name);
        engine.removeVolume(name);
        LayerStore.open(session).orElseThrow();
        assertThat(LayerStore.mountable(engine, NAMES.dataVolume("src"))).as("its store removed and made anew, without its folders").isFalse();
        store.markUnusable();
        assertThat(LayerStore.mountable(engine, NAMES.dataVolume("src"))).isFalse();
    }

    @Test
    void aMountFailureIsTheEngineFailingToMountOneOfTheVolumes() {
        Set<String> volumes = Set.of("kube-mvn-data-1-src", "kube-mvn-data-1-go-pkg-linux_amd64_cgo");
        RuntimeException mount = new RuntimeException("Status 500: {\"message\":\"error while mounting volume '/var/lib/docker/volumes/"
                + "kube-mvn-data-1-src/_data': failed to mount local volume: mount overlay:/var/lib/docker/volumes/x/_data: invalid argument\"}");
        assertThat(LayerStore.isMountFailure(new IllegalStateException("start failed", mount), volumes)).isTrue();
        assertThat(LayerStore.isMountFailure(new RuntimeException("error while mounting volume '/var/lib/docker/volumes/kube-mvn-go-cache-1/_data'"),
                volumes)).as("another volume").isFalse();
        assertThat(LayerStore.isMountFailure(new RuntimeException("No such image: kube-cross, for kube-mvn-data-1-src"), volumes)).isFalse();
    }

    @Test
    void aSeedThatARunningContainerMountsIsNotFrozen() {
        ContainerSession session = session();
        LayerStore store = LayerStore.open(session).orElseThrow();
        BuildNames seedBranch = BuildNames.of("aaaaaaaaaa", "5", "v1.19.8-1");
        engine.volumesInUse.add(seedBranch.dataVolume("src"));
        assertThat(store.stackUnder(Map.of(seedBranch.dataVolume("src"), NAMES.dataVolume("src")))).isFalse();
        assertThat(engine.specs(NAMES.dataContainer() + "-branch")).isEmpty();
    }

    @Test
    void aSeedWithNoSlotLeftIsCopiedAndOtherFailuresFail() {
        ContainerSession session = session();
        LayerStore store = LayerStore.open(session).orElseThrow();
        BuildNames seedBranch = BuildNames.of("aaaaaaaaaa", "5", "v1.19.8-1");
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put(seedBranch.dataVolume("src"), NAMES.dataVolume("src"));
        pairs.put(seedBranch.dataVolume("go-pkg-linux_amd64_cgo"), NAMES.dataVolume("go-pkg-linux_amd64_cgo"));

        assertThat(store.stackUnder(pairs)).isTrue();
        List<String> command = engine.specs(NAMES.dataContainer() + "-branch").get(0).command();
        assertThat(command.subList(4, command.size())).containsExactly(String.valueOf(LayerStore.SLOTS), "freeze",
                seedBranch.dataVolume("src"), NAMES.dataVolume("src"),
                seedBranch.dataVolume("go-pkg-linux_amd64_cgo"), NAMES.dataVolume("go-pkg-linux_amd64_cgo"));

        engine.exitCodes.put("seed", 4);
        engine.outputs.put("seed", "no slot left: " + seedBranch.dataVolume("src") + "\n");
        assertThat(store.stackUnder(pairs)).isFalse();

        engine.exitCodes.put("seed", 1);
        engine.outputs.put("seed", "mv: cannot move\n");
        assertThatThrownBy(() -> store.stackUnder(pairs)).hasMessageContaining("mv: cannot move");
    }

    @Test
    void aVolumeOfAnotherCheckoutStacksOnlyTheSeedsFrozenFoldersAndOneWithoutAnyIsCopied() {
        ContainerSession session = session();
        LayerStore store = LayerStore.open(session).orElseThrow();
        BuildNames otherCheckout = BuildNames.of("bbbbbbbbbb", "5", "v1.19.8-1");
        Map<String, String> pairs = Map.of(otherCheckout.dataVolume("src"), NAMES.dataVolume("src"));

        assertThat(store.stackFrozenOf(pairs)).isTrue();
        List<String> command = engine.specs(NAMES.dataContainer() + "-branch").get(0).command();
        assertThat(command.subList(4, command.size())).containsExactly(String.valueOf(LayerStore.SLOTS), "share",
                otherCheckout.dataVolume("src"), NAMES.dataVolume("src"));

        engine.exitCodes.put("seed", 5);
        engine.outputs.put("seed", "nothing frozen: " + otherCheckout.dataVolume("src") + "\n");
        assertThat(store.stackFrozenOf(pairs)).isFalse();
        engine.exitCodes.put("seed", 3);
        engine.outputs.put("seed", "not in the store: " + otherCheckout.dataVolume("src") + "\n");
        assertThat(store.stackFrozenOf(pairs)).as("a volume whose folders a clean-up took").isFalse();
    }

    @Test
    void onlyStoresThatNoVolumeUsesAreRemovedAndOnlyThisHostsOnes() {
        ContainerSession session = session();
        engine.outputs.put("seed", "overlay\n");
        LayerStore.open(session).orElseThrow().create(volumes(NAMES.dataVolume("src")));
        String used = LayerStore.nameOf(HOST, NAMES.version());
        Map<String, String> older = new LinkedHashMap<>(engine.volumes.get(used));
        older.put(BuildNames.VERSION_LABEL, "4-v1.19.8-1");
        String olderStore = LayerStore.nameOf(HOST, "4-v1.19.8-1");
        engine.createVolume(olderStore, older);
        Map<String, String> another = new LinkedHashMap<>(engine.volumes.get(used));
        another.put(BuildNames.HOST_LABEL, "other");
        String anotherStore = LayerStore.nameOf(new HostIdentity("other", "1000", "1000"), NAMES.version());
        engine.createVolume(anotherStore, another);

        assertThat(LayerStore.removeUnused(engine, HOST, List.of(), false, log)).containsExactly(olderStore);
        assertThat(engine.volumes).containsKeys(used, anotherStore);

        assertThat(LayerStore.removeUnused(engine, HOST, List.of("aaaaaaaaaa"), false, log)).isEmpty();
        List<String> tidy = engine.specs(used + "-tidy-aaaaaaaaaa").get(0).command();
        assertThat(tidy.subList(4, tidy.size())).as("the folders of the cleaned tree's volumes that are gone go from a store in use")
                .containsExactly(String.valueOf(LayerStore.SLOTS), String.valueOf(LayerStore.GRACE_MINUTES), NAMES.dataVolume("src"), "--",
                        "kube-mvn-data-aaaaaaaaaa-", "--");

        engine.removeVolume(NAMES.dataVolume("src"));
        assertThat(LayerStore.removeUnused(engine, HOST, List.of(), false, log)).containsExactly(used);
        assertThat(engine.volumes).containsKey(anotherStore);
        assertThat(engine.containerNames()).as("its holding container went with it").doesNotContain(used);
    }
}
