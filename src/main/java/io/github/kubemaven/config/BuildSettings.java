package io.github.kubemaven.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a goal is told, resolved and checked: the tree, where the build runs, and one record per concern.
 *
 * @param root        the Kubernetes tree (KUBE_ROOT)
 * @param mode        in the build container, or on the host with a local Go
 * @param goRoot      the Go installation for the host-side build, or null to look for one
 * @param force       build even when nothing changed since the last successful build
 * @param lockTimeout how long to wait for another run of the same tree
 */
public record BuildSettings(Path root, Mode mode, Path goRoot, boolean force, Duration lockTimeout,
                            EngineSettings engine, MakeSettings make, SyncSettings sync, ProxySettings proxies,
                            CacheSettings caches) {

    /** How long a run waits for another run of the same tree, unless told otherwise. */
    public static final int DEFAULT_LOCK_TIMEOUT_SECONDS = 3600;

    /** Where the build runs. */
    public enum Mode {
        /** In the build container, as build/run.sh does. */
        DOCKER,
        /** On the host with a local Go, as a plain make does. */
        LOCAL
    }

    /** The same settings on other engines. */
    public BuildSettings withEngine(EngineSettings other) {
        return new BuildSettings(root, mode, goRoot, force, lockTimeout, other, make, sync, proxies, caches);
    }

    /** The same settings with other caches. */
    public BuildSettings withCaches(CacheSettings other) {
        return new BuildSettings(root, mode, goRoot, force, lockTimeout, engine, make, sync, proxies, other);
    }

    /** The same settings for the tree at {@code other} (its canonical path). */
    public BuildSettings withRoot(Path other) {
        return new BuildSettings(other, mode, goRoot, force, lockTimeout, engine, make, sync, proxies, caches);
    }
}
