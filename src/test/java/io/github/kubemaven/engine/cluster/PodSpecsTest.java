package io.github.kubemaven.engine.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.github.kubemaven.engine.ContainerLease;
import io.github.kubemaven.engine.ContainerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodSpecsTest {

    private static ContainerSpec.Builder build() {
        return ContainerSpec.builder("kube-mvn-build-0123456789-5-v1.19.8-1", "kube-mvn-build:0123456789-5")
                .user("1000:1001")
                .hostname("kube-build")
                .environment(List.of("WHAT=cmd/kubectl", "GOFLAGS=-mod=vendor", "EMPTY"))
                .labels(Map.of("io.github.kubemaven.tree", "0123456789", "io.github.kubemaven.root", "/home/dev/kubernetes"));
    }

    @Test
    void aContainerBecomesANeverRestartedPodOnItsVolumesNodeWithoutTokenOrServiceVariables() {
        Pod pod = PodSpecs.of(build().command(List.of("make", "all")).build(),
                List.of(new PodSpecs.Mount("/go/src/k8s.io/kubernetes", "/var/lib/docker/volumes/kube-mvn-data-0123456789-src/_data")),
                "node-a", runOwner());

        assertThat(pod.getMetadata().getName()).matches("kube-mvn-build-0123456789-5-v1-19-8-1-[0-9a-f]{10}");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(PodSpecs.NAME_ANNOTATION, "kube-mvn-build-0123456789-5-v1.19.8-1");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getNodeSelector()).containsExactly(Map.entry("kubernetes.io/hostname", "node-a"));
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getEnableServiceLinks()).isFalse();
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(PodSpecs.DEADLINE_SECONDS);
        assertThat(pod.getSpec().getHostname()).isEqualTo("kube-build");
        assertThat(pod.getSpec().getVolumes()).singleElement().satisfies(volume -> {
            assertThat(volume.getHostPath().getPath()).isEqualTo("/var/lib/docker/volumes/kube-mvn-data-0123456789-src/_data");
            assertThat(volume.getHostPath().getType()).isEqualTo("Directory");
        });
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getName()).isEqualTo(PodSpecs.CONTAINER);
        assertThat(container.getImage()).isEqualTo("kube-mvn-build:0123456789-5");
        assertThat(container.getImagePullPolicy()).isEqualTo("Never");
        assertThat(container.getVolumeMounts()).singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/go/src/k8s.io/kubernetes"));
        assertThat(container.getEnv()).extracting(env -> env.getName() + "=" + env.getValue())
                .containsExactly("WHAT=cmd/kubectl", "GOFLAGS=-mod=vendor", "EMPTY=");
        assertThat(container.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(container.getSecurityContext().getRunAsGroup()).isEqualTo(1001L);
        assertThat(container.getArgs()).startsWith("sh", "-c").endsWith("kube-maven-gate", "make", "all");
        assertThat(container.getArgs().get(2)).contains(PodSpecs.GATE_FILE).endsWith("exec \"$@\"");
        assertThat(container.getResources()).isNull();
        assertThat(pod.getSpec().getShareProcessNamespace()).isNull();
        assertThat(pod.getMetadata().getLabels()).containsEntry(PodSpecs.RUN_LABEL, "kube-mvn-run-0123");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(reference -> {
            assertThat(reference.getKind()).isEqualTo("ConfigMap");
            assertThat(reference.getName()).isEqualTo("kube-mvn-run-0123");
            assertThat(reference.getUid()).isEqualTo("3f1c2a4e-0000-4000-8000-000000000001");
        });
    }

    @Test
    void aVolumeMountedReadOnlyIsReadOnlyInThePodAndTheOthersAreWritable() {
        Pod pod = PodSpecs.of(build().readOnlyVolume("kube-mvn-data-other-src", "/seed/src").volume("kube-mvn-data-0123456789-src", "/volume/src")
                        .command(List.of("true")).build(),
                List.of(new PodSpecs.Mount("/seed/src", "/var/lib/docker/volumes/kube-mvn-data-other-src/_data"),
                        new PodSpecs.Mount("/volume/src", "/var/lib/docker/volumes/kube-mvn-data-0123456789-src/_data")),
                "node-a", runOwner());
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts()).extracting(mount -> mount.getMountPath() + " " + mount.getReadOnly())
                .containsExactly("/seed/src true", "/volume/src null");
    }

    @Test
    void aRunsOwnerCarriesTheTreesLabelsAndItsNodeAndTheSelectorOfEarlierRunsFindsIt() {
        ConfigMap owner = PodSpecs.owner("kube-mvn-run-0123", Map.of("io.github.kubemaven.tree", "0123456789"), "node-a", "4242@builder");

        assertThat(owner.getMetadata().getLabels()).containsOnly(Map.entry("io.github.kubemaven/tree", "0123456789"),
                Map.entry(PodSpecs.MANAGED_BY, PodSpecs.MANAGER), Map.entry(PodSpecs.NODE_LABEL, "node-a"));
        assertThat(PodSpecs.ownerSelector(Map.of("io.github.kubemaven.tree", "0123456789"), "node-a"))
                .isEqualTo(owner.getMetadata().getLabels());
        assertThat(PodSpecs.ownerSelector(Map.of("io.github.kubemaven.tree", "0123456789"), "node-b"))
                .isNotEqualTo(owner.getMetadata().getLabels());
    }

    private static ConfigMap runOwner() {
        ConfigMap owner = PodSpecs.owner("kube-mvn-run-0123", Map.of("io.github.kubemaven.tree", "0123456789"), "node-a", "4242@builder");
        owner.getMetadata().setUid("3f1c2a4e-0000-4000-8000-000000000001");
        return owner;
    }

    @Test
    void podLabelsAreNoneOfTheEnginesContainerLabelsAndValuesTheClusterRefusesAreHashed() {
        Pod pod = PodSpecs.of(build().command(List.of("true")).build(), List.of(), "node-a", null);

        assertThat(pod.getMetadata().getLabels())
                .containsEntry("io.github.kubemaven/tree", "0123456789")
                .containsEntry(PodSpecs.MANAGED_BY, PodSpecs.MANAGER)
                .doesNotContainKey("io.github.kubemaven.tree")
                .hasEntrySatisfying("io.github.kubemaven/root", value -> assertThat(value).matches("h-[0-9a-f]{40}"));
        assertThat(PodSpecs.labelValue("/home/dev/kubernetes")).isEqualTo(PodSpecs.labelValue("/home/dev/kubernetes"))
                .isNotEqualTo(PodSpecs.labelValue("/home/dev/kubernetes-2"));
    }

    @Test
    void aCpuLimitIsRequestedAndLimited() {
        Pod pod = PodSpecs.of(build().command(List.of("make")).nanoCpus(1_500_000_000L).build(), List.of(), "node-a", null);

        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getResources().getLimits().get("cpu").toString()).isEqualTo("1500m");
        assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("1500m");
        assertThat(container.getResources().getLimits()).doesNotContainKey("memory");
    }

    @Test
    void aMemoryLimitIsRequestedAndLimitedInBytes() {
        Pod pod = PodSpecs.of(build().command(List.of("make")).memoryBytes(6L << 30).build(), List.of(), "node-a", null);

        Container container = pod.getSpec().getContainers().get(0);
        assertThat(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory"))).isEqualByComparingTo("6442450944");
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("6Gi");
        assertThat(container.getResources().getRequests().get("memory")).isEqualTo(container.getResources().getLimits().get("memory"));
        assertThat(PodSpecs.memory(6144L << 20).toString()).isEqualTo("6Gi");
        assertThat(PodSpecs.memory(1536L << 20).toString()).isEqualTo("1536Mi");
        assertThat(PodSpecs.memory((64L << 20) + 1).toString()).isEqualTo("67108865");
        assertThat(container.getResources().getLimits()).doesNotContainKey("cpu");
    }

    @Test
    void withoutLimitsThePodAsksForNothing() {
        Pod pod = PodSpecs.of(build().command(List.of("make")).build(), List.of(), "node-a", null);

        assertThat(pod.getSpec().getContainers().get(0).getResources()).isNull();
    }

    @Test
    void aLeasedCommandsWatchRunsInAContainerOfItsOwnThatSharesThePodsProcesses() {
        Pod pod = PodSpecs.of(build().leasedCommand(List.of("make", "all")).build(), List.of(), "node-a", null);

        assertThat(pod.getSpec().getShareProcessNamespace()).isTrue();
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly(PodSpecs.CONTAINER, PodSpecs.LEASE_CONTAINER);
        Container command = pod.getSpec().getContainers().get(0);
        Container lease = pod.getSpec().getContainers().get(1);
        assertThat(command.getArgs()).endsWith("kube-maven-gate", "make", "all").noneMatch(arg -> arg.contains(".kube-maven-lease"));
        assertThat(lease.getArgs()).isEqualTo(ContainerLease.wrap(List.of("sleep", "2147483647")));
        assertThat(lease.getImage()).isEqualTo(command.getImage());
        assertThat(lease.getSecurityContext()).isEqualTo(command.getSecurityContext());
        assertThat(ContainerLease.unwrap(ContainerLease.wrap(List.of("make", "all")))).containsExactly("make", "all");
        assertThat(ContainerLease.unwrap(List.of("make", "all"))).containsExactly("make", "all");
    }

    @Test
    void podNamesAreReadableStableAndDifferOnEachNode() {
        assertThat(PodSpecs.podName("kube-mvn-rsync-0123456789-5", "node-a")).matches("kube-mvn-rsync-0123456789-5-[0-9a-f]{10}")
                .isEqualTo(PodSpecs.podName("kube-mvn-rsync-0123456789-5", "node-a"))
                .isNotEqualTo(PodSpecs.podName("kube-mvn-rsync-0123456789-5", "node-b"));
        assertThat(PodSpecs.podName("Kube_Build.1", "node-a")).matches("kube-build-1-[0-9a-f]{10}")
                .isNotEqualTo(PodSpecs.podName("kube-build-1", "node-a"));
        assertThat(PodSpecs.podName("x".repeat(100), "node-a")).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void aFolderOfThisMachineCannotBeMountedIntoAPod() {
        assertThatThrownBy(() -> PodSpecs.of(build().bind("/home/dev/kubernetes", "/go/src/k8s.io/kubernetes").build(), List.of(), "node-a", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/home/dev/kubernetes");
    }

    @Test
    void aPlacementProbeAsksWhatABuildPodAsksForOnTheBuildingNodesAndNeverRuns() {
        SharePlacement.Request request = new SharePlacement.Request(3, 1_500_000_000L, 8L << 30, java.util.Set.of("node-b", "node-gone"),
                Map.of("io.github.kubemaven.tree", "0123456789"));
        Pod probe = PodSpecs.placementProbe("kube-mvn-place-0123456789-0", "kube-mvn-place-0123456789", request, List.of("node-a", "node-b"));

        assertThat(probe.getMetadata().getLabels()).containsEntry(PodSpecs.MANAGED_BY, PodSpecs.MANAGER)
                .containsEntry(PodSpecs.PLACEMENT_LABEL, "kube-mvn-place-0123456789")
                .containsEntry("io.github.kubemaven/tree", "0123456789");
        Container container = probe.getSpec().getContainers().get(0);
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("1500m")).containsEntry("memory", new Quantity("8Gi"));
        assertThat(container.getResources().getLimits()).as("as the build pod asks").isEqualTo(container.getResources().getRequests());
        var home = probe.getSpec().getAffinity().getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        assertThat(home).as("the node that built the platforms last, where it can still build").singleElement().satisfies(term ->
                assertThat(term.getPreference().getMatchFields().get(0).getValues()).containsExactly("node-b"));
        assertThat(container.getImagePullPolicy()).isEqualTo("Never");
        assertThat(probe.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(probe.getSpec().getActiveDeadlineSeconds()).isPositive();
        var terms = probe.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms).as("one term per node: a field selector takes one name").hasSize(2);
        assertThat(terms).allSatisfy(term -> {
            assertThat(term.getMatchFields()).singleElement().satisfies(field -> {
                assertThat(field.getKey()).isEqualTo("metadata.name");
                assertThat(field.getOperator()).isEqualTo("In");
                assertThat(field.getValues()).hasSize(1);
            });
        });
        assertThat(terms.stream().map(term -> term.getMatchFields().get(0).getValues().get(0))).containsExactly("node-a", "node-b");
        var apart = probe.getSpec().getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0);
        assertThat(apart.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                .containsExactly(Map.entry(PodSpecs.PLACEMENT_LABEL, "kube-mvn-place-0123456789"));
        assertThat(apart.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");

        Pod anyAmount = PodSpecs.placementProbe("p-0", "p", new SharePlacement.Request(2, null, null, java.util.Set.of(), Map.of()), List.of("node-a"));
        assertThat(anyAmount.getSpec().getContainers().get(0).getResources().getRequests()).isEmpty();
    }
}
