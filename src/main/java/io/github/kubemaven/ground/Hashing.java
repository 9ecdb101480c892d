package io.github.kubemaven.ground;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hex digests of files and of texts built from named parts, with the algorithms every Java runtime has.
 */
public final class Hashing {

    private Hashing() {
    }

    /** A new digest of {@code algorithm} (SHA-1, SHA-256, SHA-512, MD5). */
    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(String text) {
        MessageDigest digest = digest("SHA-256");
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return hex(digest);
    }

    public static String md5(String text) {
        MessageDigest digest = digest("MD5");
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return hex(digest);
    }

    /**
     * The SHA-256 of a regular file's content; {@code ""} for anything else (missing, folder, link), and
     * {@code "unreadable"} when it cannot be read, so that such a file never equals a readable one.
     */
    public static String sha256(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        MessageDigest digest = digest("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return hex(digest);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** Adds one named part, length-prefixed, so that no two different sets of parts feed the same bytes. */
    public static void update(MessageDigest digest, String name, byte[] content) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(content);
    }
}
