package io.github.kubemaven.naming;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuildNamesTest {

    private final BuildNames names = BuildNames.of("d426a1646c", "5", "v1.15.5-1");

    @Test
    void followUpstreamShapesUnderTheirOwnPrefix() {
        assertThat(names.image()).isEqualTo("kube-mvn-build:build-d426a1646c-5-v1.15.5-1");
        assertThat(names.buildContainer()).isEqualTo("kube-mvn-build-d426a1646c-5-v1.15.5-1");
        assertThat(names.rsyncContainer()).isEqualTo("kube-mvn-rsync-d426a1646c-5-v1.15.5-1");
        assertThat(names.dataContainer()).isEqualTo("kube-mvn-data-d426a1646c-5-v1.15.5-1");
        assertThat(names.dataVolume("src")).isEqualTo("kube-mvn-data-d426a1646c-5-v1.15.5-1-src");
    }

    @Test
    void neverCollideWithUpstreamScriptNames() {
        assertThat(names.buildContainer()).doesNotStartWith("kube-build-");
        assertThat(names.rsyncContainer()).doesNotStartWith("kube-rsync-");
        assertThat(names.image()).doesNotStartWith("kube-build:");
    }

    @Test
    void labelsCarryTreeVersionAndRole() {
        assertThat(names.labels("rsync"))
                .containsEntry(BuildNames.TREE_LABEL, "d426a1646c")
                .containsEntry(BuildNames.VERSION_LABEL, "5-v1.15.5-1")
                .containsEntry(BuildNames.ROLE_LABEL, "rsync");
        assertThat(names.treeFilter()).containsOnlyKeys(BuildNames.TREE_LABEL);
    }

    @Test
    void aNewVersionChangesEveryVersionedName() {
        BuildNames next = BuildNames.of("d426a1646c", "5", "v1.15.5-2");
        assertThat(next.image()).isNotEqualTo(names.image());
        assertThat(next.dataContainer()).isNotEqualTo(names.dataContainer());
        assertThat(next.dataContainerBase()).isEqualTo(names.dataContainerBase());
    }
}
