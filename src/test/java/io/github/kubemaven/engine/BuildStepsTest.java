package io.github.kubemaven.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuildStepsTest {

    @Test
    void dockersBuilderNamesEveryStepsImageButTheBaseImages() {
        BuildSteps steps = new BuildSteps();
        """
                Step 1/8 : ARG BASEIMAGE
                Step 2/8 : ARG SETCAP_IMAGE
                Step 3/8 : FROM ${SETCAP_IMAGE} AS setcap
                 ---> ea9e43995e68
                Step 4/8 : ARG BINARY
                 ---> Running in 1a2b3c4d5e6f
                Removing intermediate container 1a2b3c4d5e6f
                 ---> 0a1b2c3d4e5f
                Step 5/8 : COPY ${BINARY} /${BINARY}
                 ---> 9f8e7d6c5b4a
                Step 6/8 : FROM ${BASEIMAGE}
                 ---> ea9e43995e68
                Step 7/8 : ARG BINARY
                 ---> Running in 2b3c4d5e6f7a
                Removing intermediate container 2b3c4d5e6f7a
                 ---> 111111111111
                Step 8/8 : COPY --from=setcap /${BINARY} /usr/local/bin/${BINARY}
                 ---> 222222222222
                Successfully built 222222222222
                Successfully tagged registry.k8s.io/kube-apiserver-amd64:v1.33.0
                """.lines().forEach(steps);

        assertThat(steps.madeImages()).containsExactly("0a1b2c3d4e5f", "9f8e7d6c5b4a", "111111111111", "222222222222");
    }

    @Test
    void podmansBuilderIsReadToo() {
        BuildSteps steps = new BuildSteps();
        """
                [1/2] STEP 1/3: FROM kube-maven-plugin/server-base:1 AS setcap
                [1/2] STEP 2/3: ARG BINARY
                --> 3c4d5e6f7a8b
                [1/2] STEP 3/3: COPY kube-proxy /kube-proxy
                --> 4d5e6f7a8b9c
                [2/2] STEP 1/2: FROM kube-maven-plugin/server-base:1
                [2/2] STEP 2/2: COPY --from=setcap /kube-proxy /usr/local/bin/kube-proxy
                [2/2] COMMIT registry.k8s.io/kube-proxy-amd64:v1.33.0
                --> 5e6f7a8b9c0d
                Successfully tagged registry.k8s.io/kube-proxy-amd64:v1.33.0
                5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f
                """.lines().forEach(steps);

        assertThat(steps.madeImages()).containsExactly("3c4d5e6f7a8b", "4d5e6f7a8b9c", "5e6f7a8b9c0d");
    }

    @Test
    void aShortIdNamesTheImageItBegins() {
        assertThat(BuildSteps.sameImage("222222222222", "sha256:222222222222abcdef")).isTrue();
        assertThat(BuildSteps.sameImage("sha256:222222222222abcdef", "222222222222")).isTrue();
        assertThat(BuildSteps.sameImage("222222222223", "sha256:222222222222abcdef")).isFalse();
        assertThat(BuildSteps.sameImage("", "sha256:2222")).isFalse();
    }
}
