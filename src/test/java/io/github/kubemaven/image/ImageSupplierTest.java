package io.github.kubemaven.image;

import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.naming.BuildNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageSupplierTest {

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final ImageSupplier images = new ImageSupplier(engine, null, BuildLog.silent());
    private final BuildNames names = BuildNames.of("0123456789", "5", "v1");

    @TempDir
    Path directory;

    @Test
    void aPresentCrossImageIsNeverPulled() {
        engine.images.put("local/kube-cross:v1", new ImageInfo("sha256:cross", Map.of()));
        assertThat(images.ensureCrossImage("local/kube-cross:v1", false)).isEqualTo("sha256:cross");
        assertThat(engine.pulled).isEmpty();
    }

    @Test
    void aMissingCrossImageIsPulled() {
        assertThat(images.ensureCrossImage("local/kube-cross:v1", false)).isEqualTo("sha256:pulled");
        assertThat(engine.pulled).containsExactly("local/kube-cross:v1");
    }

    @Test
    void aPullUsesTheRegistryLoginWhenOneIsGiven() {
        RegistryCredentials login = new RegistryCredentials("private-registry", "builder", "s3cret");
        ImageSupplier withLogin = new ImageSupplier(engine, login, BuildLog.silent());
        withLogin.ensureCrossImage("registry.example:5000/kube-cross:v1", false);
        assertThat(engine.pullCredentials).containsExactly(login);
    }

    @Test
    void anEngineOverPlainTcpGetsNoRegistryLogin() {
        engine.receivesCredentials = false;
        new ImageSupplier(engine, new RegistryCredentials("private-registry", "builder", "s3cret"), BuildLog.silent())
                .ensureCrossImage("registry.corp/kube-cross:v1", false);
        assertThat(engine.pulled).containsExactly("registry.corp/kube-cross:v1");
        assertThat(engine.pullCredentials).containsOnlyNulls();
    }

    @Test
    void offlineAMissingCrossImageIsNamedWithHowToProvideIt() {
        assertThatThrownBy(() -> images.ensureCrossImage("k8s.gcr.io/build-image/kube-cross:v1.15.5-1", true))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("k8s.gcr.io/build-image/kube-cross:v1.15.5-1")
                .hasMessageContaining("offline")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("docker load").contains("kube.crossImage"));
        assertThat(engine.pulled).isEmpty();
    }

    @Test
    void aFailedPullSaysWhyAndHowToProvideTheImage() {
        engine.pullFails = true;
        assertThatThrownBy(() -> images.ensureCrossImage("k8s.gcr.io/build-image/kube-cross:v1.15.5-1", false))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("could not be pulled")
                .hasMessageContaining("no such host")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("docker pull k8s.gcr.io/build-image/kube-cross:v1.15.5-1"));
    }

    @Test
    void theBuildImageIsBuiltOnceAndRebuiltOnlyWhenItsContextChanges() {
        BuildContext context = BuildContext.write(directory, "FROM a:b\n", "#!/bin/sh\n", Map.of());
        assertThat(images.ensureBuildImage(names, context, Map.of("http_proxy", "http://p:1"))).isTrue();
        assertThat(engine.images.get(names.image()).labels())
                .containsEntry(ImageSupplier.FINGERPRINT_LABEL, context.fingerprint())
                .containsEntry(BuildNames.TREE_LABEL, "0123456789");
        assertThat(engine.buildArguments.get(0)).containsEntry("http_proxy", "http://p:1");

        assertThat(images.ensureBuildImage(names, BuildContext.write(directory, "FROM a:b\n", "#!/bin/sh\n", Map.of()), Map.of())).isFalse();
        assertThat(images.ensureBuildImage(names, BuildContext.write(directory, "FROM a:c\n", "#!/bin/sh\n", Map.of()), Map.of())).isTrue();
        assertThat(engine.built).hasSize(2);
    }
}
