package io.github.kubemaven.naming;

import io.github.kubemaven.ground.Hashing;

/**
 * The short hash upstream's build scripts give a checkout: md5 of {@code host:root:branch}, first ten hex digits.
 * Two checkouts, or two branches of one, never share a hash.
 */
public final class TreeHash {

    private TreeHash() {
    }

    public static String of(String hostname, String canonicalRoot, String branch) {
        String input = hostname + ":" + canonicalRoot + ":" + branch;
        return Hashing.md5(input).substring(0, 10);
    }

    /** The hash of a host, shared by all its checkouts: md5 of {@code host}, first ten hex digits. */
    public static String ofHost(String hostname) {
        return Hashing.md5(hostname).substring(0, 10);
    }
}
