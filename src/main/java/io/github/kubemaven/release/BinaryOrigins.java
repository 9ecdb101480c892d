package io.github.kubemaven.release;

import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.OutputFolder;
import io.github.kubemaven.tree.TreeKeys;
import io.github.kubemaven.version.VersionDefs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Which commit of this tree each binary under {@code _output/dockerized/bin} was built from, by the binary's content:
 * copy-out notes every binary it brings back with the version stamp of the build that made it, and packaging takes
 * only binaries noted with the tree's current commit. A file whose content no build of this tree made (a copy from
 * another checkout, a seed's leftover) is never noted, whatever its name, so it never reaches a release.
 */
public final class BinaryOrigins {

    /** Where binaries lie, relative to the tree's root. */
    public static final String BIN = "_output/dockerized/bin";
    /** How many binaries the record remembers; the oldest are forgotten first. */
    static final int REMEMBERED = 4000;

    private final Path root;
    private final Path file;

    private BinaryOrigins(Path root) {
        this.root = root;
        this.file = root.resolve(OutputFolder.PLUGIN_FOLDER).resolve("binary-origins.properties");
    }

    public static BinaryOrigins of(Path root) {
        return new BinaryOrigins(root);
    }

    /** Notes {@code binaries} (paths relative to the root, under {@link #BIN}) as built from {@code stamp}. */
    public void noteBuilt(Collection<String> binaries, VersionDefs stamp) {
        List<String> built = binaries.stream().filter(path -> path.startsWith(BIN + "/")).toList();
        if (built.isEmpty()) {
            return;
        }
        Map<String, String> origins = read();
        for (String binary : built) {
            Path path = TreeKeys.path(root, binary);
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                String hash = Hashing.sha256(path);
                origins.remove(hash);
                origins.put(hash, originOf(stamp));
            }
        }
        write(origins);
    }

    /**
     * The binaries there are now, each by size and modification time: taken before a build that writes them in place,
     * so that {@link #noteChangedSince} can tell which it made.
     */
    public Map<String, String> shapes() {
        Map<String, String> shapes = new LinkedHashMap<>();
        for (Path binary : regularBinariesOf(List.of())) {
            try {
                shapes.put(TreeKeys.of(root, binary), Files.size(binary) + ":" + Files.getLastModifiedTime(binary, LinkOption.NOFOLLOW_LINKS).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + binary, e);
            }
        }
        return shapes;
    }

    /** Notes the binaries that are new or changed since {@code before} ({@link #shapes}) as built from {@code stamp}. */
    public void noteChangedSince(Map<String, String> before, VersionDefs stamp) {
        List<String> changed = new ArrayList<>();
        shapes().forEach((path, shape) -> {
            if (!shape.equals(before.get(path))) {
                changed.add(path);
            }
        });
        noteBuilt(changed, stamp);
    }

    /**
     * The binaries of {@code platforms} (such as {@code linux/amd64}; all when empty) that no build of this tree made
     * at {@code stamp}'s commit and tree state, relative to the root.
     */
    public List<String> notBuiltAt(List<String> platforms, VersionDefs stamp) {
        Map<String, String> origins = read();
        String wanted = originOf(stamp);
        List<String> foreign = new ArrayList<>();
        for (Path binary : binariesOf(platforms)) {
            boolean regular = Files.isRegularFile(binary, LinkOption.NOFOLLOW_LINKS);
            if (!regular || !wanted.equals(origins.get(Hashing.sha256(binary)))) {
                foreign.add(TreeKeys.of(root, binary));
            }
        }
        return foreign;
    }

    /** Fails naming each binary of {@code platforms} that no build of this tree made at {@code stamp}. */
    public void requireBuiltAt(List<String> platforms, VersionDefs stamp) {
        List<String> foreign = notBuiltAt(platforms, stamp);
        if (!foreign.isEmpty()) {
            throw new KubeBuildException("Refusing to package " + String.join(", ", foreign) + ": no build of this tree at commit "
                    + stamp.commit() + " (" + stamp.treeState() + ") made " + (foreign.size() == 1 ? "it" : "them")
                    + ", so the release would ship binaries of another commit or checkout.", Hints.BINARIES_OF_ANOTHER_COMMIT);
        }
    }

    private List<Path> binariesOf(List<String> platforms) {
        Path bin = root.resolve(BIN);
        List<Path> folders = platforms.isEmpty() ? List.of(bin) : platforms.stream().map(bin::resolve).toList();
        List<Path> binaries = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(LinkFreePaths.requireNoLink(root, folder), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).sorted().forEach(binaries::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + folder, e);
            }
        }
        return binaries;
    }

    /** The regular files among {@link #binariesOf}: what a build makes; a link or special file is never one. */
    private List<Path> regularBinariesOf(List<String> platforms) {
        return binariesOf(platforms).stream().filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    private static String originOf(VersionDefs stamp) {
        return stamp.commit() + " " + stamp.treeState();
    }

    private Map<String, String> read() {
        Map<String, String> origins = new LinkedHashMap<>();
        if (!Files.isRegularFile(LinkFreePaths.requireNoLink(root, file), LinkOption.NOFOLLOW_LINKS)) {
            return origins;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return origins;
        }
        String order = properties.getProperty(ORDER, "");
        for (String hash : order.isEmpty() ? new String[0] : order.split(",")) {
            String origin = properties.getProperty(hash);
            if (origin != null) {
                origins.put(hash, origin);
            }
        }
        return origins;
    }

    private static final String ORDER = "order";

    private void write(Map<String, String> origins) {
        List<String> hashes = new ArrayList<>(origins.keySet());
        List<String> kept = hashes.subList(Math.max(0, hashes.size() - REMEMBERED), hashes.size());
        Properties properties = new Properties();
        kept.forEach(hash -> properties.setProperty(hash, origins.get(hash)));
        properties.setProperty(ORDER, String.join(",", kept));
        OutputFolder.writeAtomically(file, out -> properties.store(out, "the commit each binary's content was built from"));
    }
}
