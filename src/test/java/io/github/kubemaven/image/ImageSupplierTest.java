package io.github.kubemaven.image;

import io.github.kubemaven.config.ImageRegistry;
import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.naming.BuildNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageSupplierTest {

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final ImageSupplier images = new ImageSupplier(engine, null, null, BuildLog.silent());
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
        ImageSupplier withLogin = new ImageSupplier(engine, login, null, BuildLog.silent());
        withLogin.ensureCrossImage("registry.example:5000/kube-cross:v1", false);
        assertThat(engine.pullCredentials).containsExactly(login);
    }

    @Test
    void anEngineOverPlainTcpGetsNoRegistryLogin() {
        engine.receivesCredentials = false;
        new ImageSupplier(engine, new RegistryCredentials("private-registry", "builder", "s3cret"), null, BuildLog.silent())
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
        assertThat(images.ensureBuildImage(names, context, Map.of("http_proxy", "http://p:1"), Map.of())).isTrue();
        assertThat(engine.images.get(names.image()).labels())
                .containsEntry(ImageSupplier.FINGERPRINT_LABEL, context.fingerprint())
                .containsEntry(BuildNames.TREE_LABEL, "0123456789");
        assertThat(engine.buildArguments.get(0)).containsEntry("http_proxy", "http://p:1");

        assertThat(images.ensureBuildImage(names, BuildContext.write(directory, "FROM a:b\n", "#!/bin/sh\n", Map.of()), Map.of(), Map.of())).isFalse();
        assertThat(images.ensureBuildImage(names, BuildContext.write(directory, "FROM a:c\n", "#!/bin/sh\n", Map.of()), Map.of(), Map.of())).isTrue();
        assertThat(engine.built).hasSize(2);
    }

    @Test
    void anImageRegistryGetsTheImageAnEngineBuiltAndAnotherEnginePullsItInsteadOfBuildingIt() {
        RegistryCredentials login = new RegistryCredentials("registry.example:5000", "builder", "s3cret");
        ImageRegistry registry = new ImageRegistry("registry.example:5000/kube", login);
        BuildContext context = BuildContext.write(directory, "FROM a:b\n", "#!/bin/sh\n", Map.of());
        String shared = "registry.example:5000/kube/kube-mvn-build:" + context.fingerprint();
        engine.registry = new LinkedHashMap<>();

        assertThat(new ImageSupplier(engine, null, registry, BuildLog.silent()).ensureBuildImage(names, context, Map.of(), Map.of())).isTrue();
        assertThat(engine.built).containsExactly(names.image());
        assertThat(engine.pushed).containsExactly(shared);
        assertThat(engine.pushCredentials).containsExactly(login);
        assertThat(engine.images).containsOnlyKeys(names.image());

        FakeDockerEngine other = new FakeDockerEngine("d");
        other.registry = engine.registry;
        BuildNames otherTree = BuildNames.of("9876543210", "5", "v1");
        assertThat(new ImageSupplier(other, null, registry, BuildLog.silent()).ensureBuildImage(otherTree, context, Map.of(), Map.of())).isTrue();
        assertThat(other.pulled).containsExactly(shared);
        assertThat(other.pullCredentials).containsExactly(login);
        assertThat(other.pushed).isEmpty();
        assertThat(other.built).as("only the layer of this tree's labels is built, on the pulled image").containsExactly(otherTree.image());
        assertThat(other.buildArguments).containsExactly(Map.of());
        assertThat(other.images).as("neither the registry's name nor the name the layer was built from is left").containsOnlyKeys(otherTree.image());
        assertThat(other.images.get(otherTree.image()).labels())
                .containsEntry(ImageSupplier.FINGERPRINT_LABEL, context.fingerprint())
                .containsEntry(BuildNames.TREE_LABEL, "9876543210");
    }

    @Test
    void anImageOfTheRegistryNotBuiltFromTheContextIsNotTaken() {
        ImageRegistry registry = new ImageRegistry("registry.example/kube", null);
        BuildContext context = BuildContext.write(directory, "FROM a:b\n", "#!/bin/sh\n", Map.of());
        engine.registry = new LinkedHashMap<>(Map.of(registry.buildImage(context.fingerprint()),
                new ImageInfo("sha256:other", Map.of(ImageSupplier.FINGERPRINT_LABEL, "something else"))));

        new ImageSupplier(engine, null, registry, BuildLog.silent()).ensureBuildImage(names, context, Map.of(), Map.of());
        assertThat(engine.built).containsExactly(names.image());
        assertThat(engine.buildArguments).containsExactly(Map.of());
        assertThat(engine.images.get(names.image()).labels()).containsEntry(ImageSupplier.FINGERPRINT_LABEL, context.fingerprint());
        assertThat(engine.images).containsOnlyKeys(names.image());
    }

    @Test
    void aRegistryThatRefusesTheLoginFailsInOneLineNamingTheImageAndItsAnswer() {
        ImageRegistry registry = new ImageRegistry("registry.example/kube", new RegistryCredentials("registry.example", "builder", "wrong"));
        BuildContext context = BuildContext.write(directory, "FROM a:b\n", "#!/bin/sh\n", Map.of());
        engine.registry = new LinkedHashMap<>();
        engine.registryRefuses = true;
        assertThatThrownBy(() -> new ImageSupplier(engine, null, registry, BuildLog.silent()).ensureBuildImage(names, context, Map.of(), Map.of()))
                .isInstanceOf(KubeBuildException.class)
                .hasMessage("The build image " + registry.buildImage(context.fingerprint()) + " could not be pulled from the registry "
                        + "of kube.registry: unauthorized: authentication required")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("settings.xml").doesNotContain("\n"));
        assertThat(engine.built).isEmpty();
    }

    @Test
    void aPushThatFailsLeavesTheImageThatWasBuiltAndSaysSo() {
        ImageRegistry registry = new ImageRegistry("registry.example/kube", null);
        BuildContext context = BuildContext.write(directory, "FROM a:b\n", "#!/bin/sh\n", Map.of());
        RecordingLog log = new RecordingLog();
        ImageSupplier images = new ImageSupplier(engine, null, registry, log);
        engine.registry = new LinkedHashMap<>() {
            @Override
            public ImageInfo put(String key, ImageInfo value) {
                throw new IllegalStateException("Status 500: {\"message\":\"denied: requested access to the resource is denied\"}");
            }
        };
        assertThat(images.ensureBuildImage(names, context, Map.of(), Map.of())).isTrue();
        assertThat(engine.built).containsExactly(names.image());
        assertThat(engine.images).containsOnlyKeys(names.image());
        assertThat(log.warnings()).singleElement().asString()
                .contains("could not be pushed to the registry of kube.registry: denied: requested access to the resource is denied");
    }

    @Test
    void anImageBuiltWithAProxyLoginIsNotPushed() {
        ImageRegistry registry = new ImageRegistry("registry.example/kube", null);
        BuildContext context = BuildContext.write(directory, "FROM a:b\n", "#!/bin/sh\n", Map.of());
        engine.registry = new LinkedHashMap<>();
        new ImageSupplier(engine, null, registry, BuildLog.silent())
                .ensureBuildImage(names, context, Map.of("http_proxy", "http://user:secret@proxy:3128"), Map.of());
        assertThat(engine.built).containsExactly(names.image());
        assertThat(engine.pushed).isEmpty();
    }

    @Test
    void onlyAnAnswerThatTheImageIsMissingCountsAsAbsent() {
        assertThat(ImageSupplier.absent(new IllegalStateException("manifest for r/x:1 not found: manifest unknown: manifest unknown"))).isTrue();
        assertThat(ImageSupplier.absent(new IllegalStateException(
                "pull access denied for r/x, repository does not exist or may require 'docker login': denied"))).isTrue();
        assertThat(ImageSupplier.absent(new IllegalStateException("unauthorized: authentication required"))).isFalse();
        assertThat(ImageSupplier.absent(new IllegalStateException("dial tcp 127.0.0.1:5000: connect: connection refused"))).isFalse();
    }
}
