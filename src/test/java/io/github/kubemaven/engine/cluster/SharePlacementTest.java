package io.github.kubemaven.engine.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharePlacementTest {

    private static PodBuilder probe() {
        return new PodBuilder().withNewMetadata().withName("kube-mvn-place-0123456789-0").endMetadata().withNewSpec().endSpec();
    }

    @Test
    void aBoundProbeNamesItsNode() {
        Pod bound = probe().editSpec().withNodeName("node-b").endSpec().build();
        assertThat(SharePlacement.outcome(bound)).contains(new SharePlacement.Outcome("node-b", null));
    }

    @Test
    void aProbeTheSchedulerFoundNoNodeForSaysWhy() {
        Pod unschedulable = probe().withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/2 nodes are available: 2 node(s) had taint {no-builds: }, that the pod didn't tolerate.")
                .endCondition().endStatus().build();
        assertThat(SharePlacement.outcome(unschedulable)).contains(new SharePlacement.Outcome(null,
                "0/2 nodes are available: 2 node(s) had taint {no-builds: }, that the pod didn't tolerate."));
    }

    @Test
    void aProbeTheSchedulerHasNotDecidedOnHasNoOutcomeYet() {
        assertThat(SharePlacement.outcome(probe().build())).isEmpty();
        assertThat(SharePlacement.outcome(probe().withNewStatus().withPhase("Pending").endStatus().build())).isEmpty();
    }

    @Test
    void aProbeThatWentAwayPlacesNothing() {
        assertThat(SharePlacement.outcome(null)).hasValueSatisfying(outcome -> assertThat(outcome.node()).isNull());
    }
}
