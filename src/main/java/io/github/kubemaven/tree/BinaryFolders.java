package io.github.kubemaven.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The binaries in a tree's binary folders ({@code _output/dockerized/bin/<os>/<arch>/} and
 * {@code _output/local/bin/<os>/<arch>/}), taken before and after a goal, so that the goal can say which binaries it
 * made and where.
 */
public final class BinaryFolders {

    private static final List<String> FOLDERS = List.of("_output/dockerized/bin", "_output/local/bin");

    /** Each binary by its path in the tree, with what tells a new one from the one before: size, time, file. */
    private final Map<String, Binary> binaries;

    private BinaryFolders(Map<String, Binary> binaries) {
        this.binaries = binaries;
    }

    private record Binary(long size, long modifiedMillis, Object fileKey) {
    }

    /** The regular files two levels below each binary folder of the tree at {@code root}; none where a folder is a link. */
    public static BinaryFolders take(Path root) {
        Map<String, Binary> binaries = new TreeMap<>();
        for (String folder : FOLDERS) {
            Path top = root.resolve(folder);
            if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> files = Files.find(top, 3, (path, attributes) -> attributes.isRegularFile() && top.relativize(path).getNameCount() == 3)) {
                files.forEach(file -> {
                    try {
                        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        binaries.put(root.relativize(file).toString(), new Binary(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey()));
                    } catch (IOException e) {
                        // gone since it was listed
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + top, e);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
        return new BinaryFolders(binaries);
    }

    /**
     * What changed since {@code before}, one line a folder: {@code New or changed in _output/dockerized/bin/linux/amd64/: kubectl
     * (47.9 MiB), kubelet (110.2 MiB)}; when no binary changed, one line naming what the folders hold, or none when they
     * hold nothing.
     */
    public List<String> madeSince(BinaryFolders before) {
        Map<String, List<String>> made = new TreeMap<>();
        Map<String, List<String>> held = new TreeMap<>();
        binaries.forEach((path, binary) -> {
            int slash = path.lastIndexOf('/');
            String folder = path.substring(0, slash + 1);
            String name = path.substring(slash + 1);
            held.computeIfAbsent(folder, key -> new ArrayList<>()).add(name);
            if (!binary.equals(before.binaries.get(path))) {
                made.computeIfAbsent(folder, key -> new ArrayList<>()).add(name + " (" + mebibytes(binary.size()) + ")");
            }
        });
        List<String> lines = new ArrayList<>();
        if (made.isEmpty()) {
            if (!held.isEmpty()) {
                lines.add("No binary changed; " + String.join("; ", held.entrySet().stream()
                        .map(folder -> folder.getKey() + " holds " + String.join(", ", folder.getValue())).toList()));
            }
            return lines;
        }
        made.forEach((folder, names) -> lines.add("New or changed in " + folder + ": " + String.join(", ", names)));
        return lines;
    }

    public static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
