package io.github.kubemaven.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The short hash upstream's build scripts give a checkout: md5 of {@code host:root:branch}, first ten hex digits.
 * Two checkouts, or two branches of one, never share a hash.
 */
public final class TreeHash {

    private TreeHash() {
    }

    public static String of(String hostname, String canonicalRoot, String branch) {
        String input = hostname + ":" + canonicalRoot + ":" + branch;
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
