package io.github.kubemaven.tree;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerfileTemplateTest {

    private static final String RELEASE_1_20 = """
            # This file creates a standard build environment
            FROM k8s.gcr.io/build-image/kube-cross:KUBE_BUILD_IMAGE_CROSS_TAG

            RUN touch /kube-build-image
            """;

    private static final String LATER_RELEASE = """
            ARG KUBE_CROSS_IMAGE
            ARG KUBE_CROSS_VERSION

            FROM ${KUBE_CROSS_IMAGE}:${KUBE_CROSS_VERSION}
            RUN touch /kube-build-image
            """;

    @Test
    void placeholderFormTakesTheTagInTheText() {
        DockerfileTemplate template = DockerfileTemplate.parse(RELEASE_1_20, "registry.k8s.io/build-image/kube-cross");
        assertThat(template.form()).isEqualTo(DockerfileTemplate.Form.TAG_PLACEHOLDER);
        assertThat(template.defaultCrossImage()).isEqualTo("k8s.gcr.io/build-image/kube-cross");
        String rendered = template.render(template.defaultCrossImage(), "v1.15.5-1");
        assertThat(rendered).contains("FROM k8s.gcr.io/build-image/kube-cross:v1.15.5-1\n")
                .doesNotContain("KUBE_BUILD_IMAGE_CROSS_TAG")
                .contains("RUN touch /kube-build-image");
        assertThat(template.buildArguments("x", "y")).isEmpty();
    }

    @Test
    void placeholderFormHonoursAnotherCrossImage() {
        DockerfileTemplate template = DockerfileTemplate.parse(RELEASE_1_20, "unused");
        assertThat(template.render("local/kube-cross", "v1")).contains("FROM local/kube-cross:v1\n");
    }

    @Test
    void argumentFormTakesBuildArgumentsAndKeepsTheText() {
        DockerfileTemplate template = DockerfileTemplate.parse(LATER_RELEASE, "registry.k8s.io/build-image/kube-cross");
        assertThat(template.form()).isEqualTo(DockerfileTemplate.Form.BUILD_ARGUMENTS);
        assertThat(template.defaultCrossImage()).isEqualTo("registry.k8s.io/build-image/kube-cross");
        assertThat(template.render("a", "b")).isEqualTo(LATER_RELEASE);
        assertThat(template.buildArguments("local/kube-cross", "v1.28.0-go1.21-bullseye.0"))
                .containsEntry("KUBE_CROSS_IMAGE", "local/kube-cross")
                .containsEntry("KUBE_CROSS_VERSION", "v1.28.0-go1.21-bullseye.0");
    }

    @Test
    void argumentFormPrefersTheDefaultItDeclares() {
        DockerfileTemplate template = DockerfileTemplate.parse("ARG KUBE_CROSS_IMAGE=mirror.example/kube-cross\nARG KUBE_CROSS_VERSION\nFROM ${KUBE_CROSS_IMAGE}:${KUBE_CROSS_VERSION}\n", "registry.k8s.io/build-image/kube-cross");
        assertThat(template.defaultCrossImage()).isEqualTo("mirror.example/kube-cross");
    }

    @Test
    void aDockerfileOfNeitherFormIsRefused() {
        assertThatThrownBy(() -> DockerfileTemplate.parse("FROM debian:12\n", "x"))
                .hasMessageContaining("KUBE_BUILD_IMAGE_CROSS_TAG").hasMessageContaining("KUBE_CROSS_IMAGE");
    }
}
