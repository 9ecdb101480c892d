package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.version.VersionDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import static io.github.kubemaven.builders.containers.Sessions.NAMES;
import static org.assertj.core.api.Assertions.assertThat;

class RsyncInImageTest {

    private static final String CROSS = "registry.example/kube-cross:v1.19.8-1";
    private static final String CROSS_ID = "sha256:c0ffee";

    @TempDir
    Path first;
    @TempDir
    Path second;

    private final FakeDockerEngine engine = new FakeDockerEngine();

    @Test
    void theBuildImageOfAProbedCrossImageSaysWhetherItHoldsRsync() {
        engine.images.put(CROSS, new ImageInfo(CROSS_ID, Map.of()));
        engine.outputsByName.put(NAMES.dataContainer() + "-rsync-probe", "rsync-found\n");
        Map<String, String> labels = new HashMap<>();
        ContainerSession session = session(first, labels::putAll);

        assertThat(session.helperImageHasRsync()).isTrue();
        session.awaitImage();

        assertThat(labels).containsExactlyEntriesOf(RsyncInImage.answerLabel(CROSS_ID, true));
        assertThat(labels.keySet()).allMatch(key -> key.startsWith("io.github.kubemaven.rsync-in.") && key.endsWith("c0ffee"));
    }

    @Test
    void anotherCheckoutReadsTheAnswerFromABuildImageWithoutAProbe() {
        engine.images.put(CROSS, new ImageInfo(CROSS_ID, Map.of()));
        engine.images.put("kube-mvn-build:build-other", new ImageInfo("sha256:other", RsyncInImage.answerLabel(CROSS_ID, false)));
        engine.outputsByName.put(NAMES.dataContainer() + "-rsync-probe", "rsync-found\n");

        assertThat(session(second, labels -> { }).helperImageHasRsync()).isFalse();
        assertThat(engine.operations).noneMatch(operation -> operation.contains("rsync-probe"));
        assertThat(session(second, labels -> { }).helperImageHasRsync()).as("remembered in the tree").isFalse();
    }

    @Test
    void anImageWithoutAnAnsweringBuildImageIsProbed() {
        engine.images.put(CROSS, new ImageInfo(CROSS_ID, Map.of()));
        engine.images.put("kube-mvn-build:build-other", new ImageInfo("sha256:other", RsyncInImage.answerLabel("sha256:another", false)));
        engine.outputsByName.put(NAMES.dataContainer() + "-rsync-probe", "rsync-found\n");

        assertThat(session(second, labels -> { }).helperImageHasRsync()).isTrue();
        assertThat(engine.operations).anyMatch(operation -> operation.contains("rsync-probe"));
    }

    private ContainerSession session(Path root, Consumer<Map<String, String>> imageBuild) {
        return new ContainerSession(engine, new ContainerSession.Setup(root, NAMES, new HostIdentity("builder", "1000", "1000"),
                "context:abc", Map.of(), VersionDefs.empty(), 1600000000L, CROSS, imageBuild, null, null, CROSS_ID, false),
                BuildLog.silent());
    }
}
