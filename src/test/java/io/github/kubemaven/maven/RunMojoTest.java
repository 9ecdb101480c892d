package io.github.kubemaven.maven;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunMojoTest {

    @Test
    void splitsTheCommandAsAShellWould() {
        assertThat(RunMojo.split("make test WHAT=./pkg/kubectl/... KUBE_TEST_ARGS='-run TestFoo'"))
                .containsExactly("make", "test", "WHAT=./pkg/kubectl/...", "KUBE_TEST_ARGS=-run TestFoo");
    }

    @Test
    void noCommandSaysHowToGiveOne() {
        assertThatThrownBy(() -> RunMojo.split(" "))
                .isInstanceOf(KubeBuildException.class)
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("-Dkube.command="));
    }
}
