package io.github.kubemaven.config;

/**
 * What a tree's builds share with other branches and checkouts: the Go build cache every tree built with one build
 * image shares on an engine, and where a new build volume is filled from.
 *
 * @param goCacheBytes the size above which the least recently used entries are removed after a build
 * @param cleanCache   {@code kube:clean} removes the shared cache too, not only the tree's own state
 * @param seed         where a new build volume may be filled from
 * @param freshGoCache the build takes an empty Go build cache of its own, removed after it, and the build image's own
 *                     standard library, instead of what other builds wrote: a release build, whose binaries must come
 *                     from its tree alone
 */
public record CacheSettings(long goCacheBytes, boolean cleanCache, Seed seed, boolean freshGoCache) {

    /** The default bound, 10 GiB: a full release build of every platform fits. */
    public static final long DEFAULT_GO_CACHE_BYTES = 10L << 30;

    public CacheSettings(long goCacheBytes, boolean cleanCache) {
        this(goCacheBytes, cleanCache, Seed.CHECKOUTS);
    }

    public CacheSettings(long goCacheBytes, boolean cleanCache, Seed seed) {
        this(goCacheBytes, cleanCache, seed, false);
    }

    /** The same settings for a release build: a fresh Go build cache. */
    public CacheSettings forRelease() {
        return new CacheSettings(goCacheBytes, cleanCache, seed, true);
    }

    /** Where a new build volume (a new branch, a new checkout) is filled from before its first sync-in. */
    public enum Seed {
        /** The nearest volume of this tree or of another checkout of this machine built with the same image. */
        CHECKOUTS,
        /** The nearest volume of this tree (another branch) only. */
        TREE,
        /** Nothing: every new volume starts empty, as upstream's do. */
        NONE
    }
}
