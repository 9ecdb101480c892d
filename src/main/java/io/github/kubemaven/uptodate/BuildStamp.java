package io.github.kubemaven.uptodate;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the last successful build saw: a key over everything that is not a file (image, command, environment,
 * mode) and the tree's snapshot after it. Kept in {@code _output/kube-maven/}.
 */
public record BuildStamp(String key, TreeSnapshot snapshot) {

    /** A key over the build's settings: the same settings give the same key, any change another. */
    public static String keyOf(String imageId, String mode, List<String> command, Map<String, String> environment) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder();
            text.append("image=").append(imageId).append('\n').append("mode=").append(mode).append('\n');
            for (String word : command) {
                text.append("arg=").append(word.length()).append(':').append(word).append('\n');
            }
            new TreeMap<>(environment).forEach((name, value) -> text.append("env=").append(name).append('=')
                    .append(value.length()).append(':').append(value).append('\n'));
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                out.write("key\t" + key + "\n");
                out.write("taken\t" + snapshot.takenAtMillis() + "\n");
                writeEntries(out, "I", snapshot.inputs());
                writeEntries(out, "G", snapshot.generated());
                writeEntries(out, "B", snapshot.binaries());
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeEntries(BufferedWriter out, String kind, Map<String, TreeSnapshot.Entry> entries) throws IOException {
        for (Map.Entry<String, TreeSnapshot.Entry> entry : entries.entrySet()) {
            String hash = entry.getValue().contentHash();
            out.write(kind + "\t" + entry.getKey().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                    + "\t" + entry.getValue().sizeAndTime() + (hash == null ? "" : "\t" + hash) + "\n");
        }
    }

    /** The stamp in {@code file}, or empty when there is none or it cannot be read. */
    public static Optional<BuildStamp> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String key = null;
        long taken = 0;
        Map<String, TreeSnapshot.Entry> inputs = new TreeMap<>();
        Map<String, TreeSnapshot.Entry> generated = new TreeMap<>();
        Map<String, TreeSnapshot.Entry> binaries = new TreeMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] fields = line.split("\t", -1);
                switch (fields[0]) {
                    case "key" -> key = fields[1];
                    case "taken" -> taken = Long.parseLong(fields[1]);
                    case "I", "G", "B" -> {
                        String path = fields[1].replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
                        TreeSnapshot.Entry entry = new TreeSnapshot.Entry(fields[2], fields.length > 3 ? fields[3] : null);
                        (fields[0].equals("I") ? inputs : fields[0].equals("G") ? generated : binaries).put(path, entry);
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return key == null ? Optional.empty() : Optional.of(new BuildStamp(key, new TreeSnapshot(taken, inputs, generated, binaries)));
    }
}
