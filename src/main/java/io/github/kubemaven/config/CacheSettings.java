package io.github.kubemaven.config;

/**
 * The Go build cache every tree and branch built with one build image shares on an engine.
 *
 * @param goCacheBytes the size above which the least recently used entries are removed after a build
 * @param cleanCache   {@code kube:clean} removes the shared cache too, not only the tree's own state
 */
public record CacheSettings(long goCacheBytes, boolean cleanCache) {

    /** The default bound, 10 GiB: a full release build of every platform fits. */
    public static final long DEFAULT_GO_CACHE_BYTES = 10L << 30;
}
