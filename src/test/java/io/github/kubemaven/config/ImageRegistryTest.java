package io.github.kubemaven.config;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRegistryTest {

    @ParameterizedTest
    @CsvSource({
            "registry.example.com/kube, registry.example.com",
            "127.0.0.1:5000, 127.0.0.1:5000",
            "127.0.0.1:5000/kube-it/builds, 127.0.0.1:5000",
            "localhost:5000/a_b.c-d, localhost:5000",
            "registry:5000/kube, registry:5000",
            "ghcr.io/org/kube, ghcr.io",
            "[::1]:5000/kube, [::1]:5000"})
    void theHostIsWhatSettingsServersAreNamedAfter(String value, String host) {
        assertThat(ImageRegistry.hostOf(value)).isEqualTo(host);
        assertThat(new ImageRegistry(value, null).host()).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://registry.example.com/kube", "kube", "myuser/kube", "registry.example.com/Kube",
            "registry.example.com/kube:v1", "registry.example.com//kube", "registry.example.com/kube/", "registry..example/kube",
            "-reg.example/kube", "reg-.example:5000/kube", "registry.example:70000/kube", "registry.example:0/kube", "-:5000/kube"})
    void aValueThatNamesNoRegistryRepositoryIsRefusedNamingIt(String value) {
        assertThatThrownBy(() -> ImageRegistry.hostOf(value))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageStartingWith("kube.registry is '" + value + "'")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("host"));
    }

    @ParameterizedTest
    @CsvSource({"registry.example.com/kube, 0123abcd, registry.example.com/kube/kube-mvn-build:0123abcd",
            "127.0.0.1:5000, ffff, 127.0.0.1:5000/kube-mvn-build:ffff"})
    void eachBuildContextHasATagOfItsOwn(String repository, String fingerprint, String image) {
        assertThat(new ImageRegistry(repository, null).buildImage(fingerprint)).isEqualTo(image);
    }
}
