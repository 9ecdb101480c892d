package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.naming.BuildNames;

import java.util.List;

/**
 * An empty Go build cache for the commands of one release build, made before them and removed after them. The shared
 * cache ({@link GoBuildCache}) holds what the build of any tree wrote, under action IDs that Go trusts without looking
 * at the objects, so a release build compiles everything from its own tree instead. Owned by the host's user, whom
 * the build runs as.
 */
public final class FreshGoCache {

    /** The role label of the volume, and of the container that hands it to the host's user. */
    static final String ROLE = "release-go-cache";

    private final ContainerSession session;

    private FreshGoCache(ContainerSession session) {
        this.session = session;
    }

    /** Makes the volume anew (a dead run may have left one) and hands it to the host's user. */
    public static FreshGoCache make(ContainerSession session) {
        DockerEngine engine = session.engine();
        BuildNames names = session.names();
        FreshGoCache cache = new FreshGoCache(session);
        engine.removeVolume(cache.volume());
        engine.createVolume(cache.volume(), names.labels(ROLE));
        OneShotContainer.run(engine, session.reaper(), session.log(), ContainerSpec.builder(cache.volume() + "-owner", session.helperImage())
                        .labels(names.labels(ROLE))
                        .volume(cache.volume(), "/cache")
                        .command(List.of("chown", session.userInContainers(), "/cache"))
                        .build(),
                "The release build's Go build cache " + cache.volume() + " could not be made", Hints.DATA_CONTAINER);
        session.log().info("Building with a fresh Go build cache, " + cache.volume() + ", and the build image's own standard library: "
                + "a release takes nothing other builds compiled");
        return cache;
    }

    /** The volume's name, to mount where the build puts GOCACHE. */
    public String volume() {
        return session.names().freshGoCacheVolume();
    }

    /** Removes the volume, once the containers that mounted it are gone; one left behind goes with the next release. */
    public void remove() {
        try {
            session.reaper().awaitRemovals();
            session.engine().removeVolume(volume());
        } catch (RuntimeException e) {
            session.log().warn("The release build's Go build cache " + volume() + " was not removed: " + e.getMessage());
        }
    }
}
