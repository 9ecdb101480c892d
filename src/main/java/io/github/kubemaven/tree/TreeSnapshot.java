package io.github.kubemaven.tree;

import io.github.kubemaven.ground.Hashing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The state of a tree as the dockerized build sees it: the inputs the sync sends in (every file but {@code .git},
 * {@code .make}, {@code _tmp}, {@code _output} and generated files), the generated files that come back out,
 * and the binaries under {@code _output/dockerized/bin}. Each file is known by size, modification time and
 * permissions, each folder by its permissions; files modified within {@link #RACY_SECONDS} of the snapshot are also
 * known by content, since a change in the same second could leave size and time alone.
 */
public record TreeSnapshot(long takenAtMillis, Map<String, Entry> inputs, Map<String, Entry> generated,
                           Map<String, Entry> binaries) {

    static final long RACY_SECONDS = 2;
    private static final Set<String> LEFT_OUT_AT_TOP = Set.of(".git", ".make", "_tmp", "_output");

    /**
     * What is known of one file: {@code size:mtime-nanos:mode}, {@code link:target} or {@code dir:mode}, and a
     * content hash when racy.
     */
    public record Entry(String sizeAndTime, String contentHash) {
        static final String FOLDER = "dir:";
        static final String LINK = "link:";

        public boolean isFolder() {
            return sizeAndTime.startsWith(FOLDER);
        }

        /** Whether this is a regular file, known by size, time and permissions. */
        public boolean isFile() {
            return !isFolder() && !sizeAndTime.startsWith(LINK);
        }

        /** Whether both are regular files that differ, if at all, in their modification time alone. */
        public boolean sameButTime(Entry other) {
            if (!isFile() || !other.isFile()) {
                return false;
            }
            String[] mine = sizeAndTime.split(":");
            String[] theirs = other.sizeAndTime.split(":");
            return mine.length == 3 && theirs.length == 3 && mine[0].equals(theirs[0]) && mine[2].equals(theirs[2]);
        }
    }

    public static TreeSnapshot take(Path root, Path binaryDir) {
        return sources(root).withBinariesOf(binaryDir);
    }

    /** The inputs and generated files of the tree at {@code root}, without binaries. */
    public static TreeSnapshot sources(Path root) {
        long now = System.currentTimeMillis();
        long hashFrom = now - TimeUnit.SECONDS.toMillis(RACY_SECONDS);
        Map<String, Entry> inputs = new TreeMap<>();
        Map<String, Entry> generated = new TreeMap<>();
        walk(root, root, true, hashFrom, (relative, entry) -> (isGeneratedPath(relative) ? generated : inputs).put(relative, entry));
        return new TreeSnapshot(now, inputs, generated, Map.of());
    }

    /** This snapshot with the binaries under {@code binaryDir} as they are now. */
    public TreeSnapshot withBinariesOf(Path binaryDir) {
        Map<String, Entry> binaries = new TreeMap<>();
        if (Files.isDirectory(binaryDir)) {
            walk(binaryDir, binaryDir, false, System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(RACY_SECONDS), binaries::put);
        }
        return new TreeSnapshot(takenAtMillis, inputs, generated, binaries);
    }

    /**
     * This snapshot with {@code files} (tree paths, each with the entry of the copy written there), and the folders
     * that hold them where it lacked those: after copy-out, what the volume holds.
     */
    public TreeSnapshot withWritten(Path root, Map<String, Entry> files) {
        Map<String, Entry> newInputs = new TreeMap<>(inputs);
        Map<String, Entry> newGenerated = new TreeMap<>(generated);
        files.forEach((file, entry) -> {
            (isGeneratedPath(file) ? newGenerated : newInputs).put(file, entry);
            for (int slash = file.lastIndexOf('/'); slash > 0 && !newInputs.containsKey(file.substring(0, slash));
                 slash = file.lastIndexOf('/', slash - 1)) {
                Entry folder = entryOf(TreeKeys.path(root, file.substring(0, slash)));
                if (folder != null) {
                    newInputs.put(file.substring(0, slash), folder);
                }
            }
        });
        return new TreeSnapshot(takenAtMillis, newInputs, newGenerated, binaries);
    }

    /** The entry of the file at {@code path}, known by content too; null when there is none. */
    public static Entry entryByContentOf(Path path) {
        Entry entry = entryOf(path);
        return entry != null && entry.isFile() ? new Entry(entry.sizeAndTime(), Hashing.sha256(path)) : entry;
    }

    /** Whether the file at {@code path} (relative, with slashes) is one the build generates. */
    public static boolean isGeneratedPath(String path) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        return fileName.startsWith("zz_generated.") || fileName.equals("generated.proto");
    }

    private interface Sink {
        void accept(String relative, Entry entry);
    }

    /**
     * Walks {@code start}, each folder below it at the top on a thread of its own, reading each path's attributes once;
     * files modified at {@code hashFrom} (epoch millis) or later are known by content too.
     */
    private static void walk(Path root, Path start, boolean applySyncFilter, long hashFrom, Sink sink) {
        List<Path> folders = new ArrayList<>();
        for (Path child : children(start)) {
            if (applySyncFilter && start.equals(root) && LEFT_OUT_AT_TOP.contains(child.getFileName().toString())) {
                continue;
            }
            PosixFileAttributes attributes = posixAttributes(child);
            if (attributes.isDirectory()) {
                folders.add(child);
            } else {
                visit(root, child, attributes, hashFrom, sink);
            }
        }
        folders.parallelStream()
                .map(folder -> {
                    Map<String, Entry> below = new TreeMap<>();
                    visit(root, folder, posixAttributes(folder), hashFrom, below::put);
                    return below;
                })
                .forEachOrdered(below -> below.forEach(sink::accept));
    }

    private static void visit(Path root, Path path, PosixFileAttributes attributes, long hashFrom, Sink sink) {
        String relative = TreeKeys.of(root, path);
        Entry entry = describe(path, attributes);
        if (attributes.isDirectory()) {
            sink.accept(relative, entry);
            for (Path child : children(path)) {
                visit(root, child, posixAttributes(child), hashFrom, sink);
            }
            return;
        }
        boolean racy = attributes.isRegularFile() && attributes.lastModifiedTime().toMillis() >= hashFrom;
        sink.accept(relative, racy ? new Entry(entry.sizeAndTime(), Hashing.sha256(path)) : entry);
    }

    private static List<Path> children(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            List<Path> children = new ArrayList<>();
            entries.forEach(children::add);
            return children;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + folder, e);
        }
    }

    /** What is known of one path now, as a snapshot would know it without content; null when nothing is there. */
    public static Entry entryOf(Path path) {
        try {
            return describe(path, posixAttributes(path));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.file.NoSuchFileException
                    || e.getCause() instanceof java.nio.file.FileSystemException fs && "Not a directory".equals(fs.getReason())) {
                return null;
            }
            throw e;
        }
    }

    /** The attributes of {@code path} itself, a link's rather than its target's. */
    private static PosixFileAttributes posixAttributes(Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }

    /** A link by its target, a folder by its permissions, a file by size, time and permissions. */
    private static Entry describe(Path path, PosixFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            try {
                return new Entry(Entry.LINK + Files.readSymbolicLink(path), null);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + path, e);
            }
        }
        String mode = PosixFilePermissions.toString(attributes.permissions());
        if (attributes.isDirectory()) {
            return new Entry(Entry.FOLDER + mode, null);
        }
        return new Entry(attributes.size() + ":" + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":" + mode, null);
    }

}
