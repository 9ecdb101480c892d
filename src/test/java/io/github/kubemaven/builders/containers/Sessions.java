package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.FakeDockerEngine;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.version.VersionDefs;

import java.nio.file.Path;
import java.util.Map;

/** Container sessions on a fake engine, for unit tests of the builders. */
public final class Sessions {

    /** The tree's names on the fake engine. */
    public static final BuildNames NAMES = BuildNames.of("0123456789", "5", "v1.19.8-1");

    private Sessions() {
    }

    /** A session on {@code engine} for the tree at {@code root}, its build image present. */
    public static ContainerSession on(FakeDockerEngine engine, Path root, BuildLog log) {
        engine.images.put(NAMES.image(), new ImageInfo("sha256:image", NAMES.labels("image")));
        return new ContainerSession(engine, setup(root, false), log);
    }

    /** A session whose build commands take a fresh Go build cache, as a release build's do. */
    public static ContainerSession forRelease(FakeDockerEngine engine, Path root, BuildLog log) {
        engine.images.put(NAMES.image(), new ImageInfo("sha256:image", NAMES.labels("image")));
        return new ContainerSession(engine, setup(root, true), log);
    }

    private static ContainerSession.Setup setup(Path root, boolean freshGoCache) {
        return new ContainerSession.Setup(root, NAMES, new HostIdentity("builder", "1000", "1000"), "sha256:image",
                Map.of("KUBE_VERBOSE", "2"), VersionDefs.empty(), 1600000000L, NAMES.image(), null, null, null, null, freshGoCache);
    }
}
