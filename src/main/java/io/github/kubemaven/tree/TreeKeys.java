package io.github.kubemaven.tree;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How a file below a tree's root is known in a snapshot, and how that key becomes the file's path again: its path
 * relative to the root with slashes, byte for byte, whatever the locale Java runs in.
 * <p>
 * Java names a file by a string decoded from the name's bytes in the encoding of its locale ({@code sun.jnu.encoding}),
 * which turns every byte that does not fit into one replacement character, so two names that differ only there would
 * share one key, and the key would name neither file. A key is instead the name's bytes read as UTF-8, each byte that
 * is no part of valid UTF-8 standing as a lone low surrogate, U+DC00 plus the byte (which valid UTF-8 never gives).
 * A name in valid UTF-8 is its own key, and every key gives back the name's exact bytes.
 */
public final class TreeKeys {

    private static final char ESCAPE_BASE = '\uDC00';
    private static final boolean NAMES_IN_UTF8 = namesInUtf8();

    private TreeKeys() {
    }

    /** The key of {@code path}, a path below {@code root}. */
    public static String of(Path root, Path path) {
        String relative = root.relativize(path).toString();
        if (decodedExactly(relative)) {
            return relative;
        }
        byte[] base = nameBytes(root.toAbsolutePath());
        byte[] full = nameBytes(path.toAbsolutePath());
        int start = base.length == 1 ? 1 : base.length + 1;
        byte[] below = new byte[full.length - start];
        System.arraycopy(full, start, below, 0, below.length);
        return ofBytes(below);
    }

    /** The file that {@code key} names below {@code root}. */
    public static Path path(Path root, String key) {
        if (plain(key)) {
            return root.resolve(key);
        }
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        name.writeBytes(nameBytes(root.toAbsolutePath()));
        if (name.size() > 1) {
            name.write('/');
        }
        name.writeBytes(bytes(key));
        StringBuilder uri = new StringBuilder("file://");
        for (byte b : name.toByteArray()) {
            int unsigned = b & 0xff;
            if (unsigned == '/' || unsigned == '-' || unsigned == '.' || unsigned == '_' || unsigned == '~'
                    || unsigned >= '0' && unsigned <= '9' || unsigned >= 'A' && unsigned <= 'Z' || unsigned >= 'a' && unsigned <= 'z') {
                uri.append((char) unsigned);
            } else {
                uri.append('%').append(Character.forDigit(unsigned >> 4, 16)).append(Character.forDigit(unsigned & 0xf, 16));
            }
        }
        return Path.of(URI.create(uri.toString()));
    }

    /**
     * Whether {@code key} is also the string Java gives its file's name, so that it may be used as a name as it is
     * (in a tar entry, say): true for every key on a machine whose locale encodes names in UTF-8, unless the name's
     * bytes were no valid UTF-8.
     */
    public static boolean plain(String key) {
        boolean ascii = true;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isSurrogate(c) && !isPair(key, i)) {
                return false;
            }
            ascii &= c < 0x80;
        }
        return ascii || NAMES_IN_UTF8;
    }

    /** The name's bytes that {@code key} stands for, as rsync's {@code --files-from} list needs them. */
    public static byte[] bytes(String key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(key.length() + 8);
        int from = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(key.charAt(i - 1)))) {
                out.writeBytes(key.substring(from, i).getBytes(StandardCharsets.UTF_8));
                out.write(c - ESCAPE_BASE);
                from = i + 1;
            }
        }
        out.writeBytes(key.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The key of a name given by its bytes. */
    public static String ofBytes(byte[] name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(name);
        CharBuffer out = CharBuffer.allocate(name.length);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            if (!result.isError()) {
                throw new IllegalStateException("a name's characters outgrew its bytes");
            }
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (ESCAPE_BASE + (in.get() & 0xff)));
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Whether Java's string for a name surely holds all the name's bytes. */
    private static boolean decodedExactly(String name) {
        boolean ascii = true;
        for (int i = 0; i < name.length() && ascii; i++) {
            ascii = name.charAt(i) < 0x80;
        }
        return ascii || NAMES_IN_UTF8 && name.indexOf('\uFFFD') < 0;
    }

    private static boolean isPair(String text, int index) {
        char c = text.charAt(index);
        return Character.isHighSurrogate(c) ? index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1))
                : index > 0 && Character.isHighSurrogate(text.charAt(index - 1));
    }

    /** The bytes of an absolute path's name, which its file URI carries escaped. */
    private static byte[] nameBytes(Path absolute) {
        String raw = absolute.toUri().getRawPath();
        if (raw.length() > 1 && raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean namesInUtf8() {
        String encoding = System.getProperty("sun.jnu.encoding");
        try {
            return encoding != null && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
