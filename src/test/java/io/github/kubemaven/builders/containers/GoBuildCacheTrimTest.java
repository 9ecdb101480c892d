package io.github.kubemaven.builders.containers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The trim script of the shared Go build cache, run by the host's sh on a folder of hostile names. */
class GoBuildCacheTrimTest {

    private static final byte[] EIGHT_KIB = new byte[8192];

    @TempDir
    Path cache;

    @Test
    void removesExactlyTheLeastRecentlyUsedFilesWhateverTheirNames() throws Exception {
        Path entries = Files.createDirectories(cache.resolve("3f"));
        List<String> oldestFirst = List.of("prefix", "it's a \"quoted\" name", "new\nline", "prefix plus", "line", "kept");
        for (int i = 0; i < oldestFirst.size(); i++) {
            Path file = entries.resolve(oldestFirst.get(i));
            Files.write(file, EIGHT_KIB);
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L + i * 60_000L));
        }
        List<String> before = trim(Long.MAX_VALUE >> 10);
        long used = Long.parseLong(before.get(0));
        long perFile = kibibytes(entries.resolve("kept"));

        List<String> sizes = trim(boundFreeing(used, perFile, 3));

        assertThat(sizes).hasSize(2);
        assertThat(Long.parseLong(sizes.get(1))).isEqualTo(used - 3 * perFile);
        assertThat(names(entries)).containsExactlyInAnyOrder("prefix plus", "line", "kept");
    }

    @Test
    void leavesACacheWithinItsBoundAlone() throws Exception {
        Files.write(cache.resolve("it's"), EIGHT_KIB);
        List<String> sizes = trim(1L << 20);
        assertThat(sizes).hasSize(1);
        assertThat(names(cache)).containsExactly("it's");
    }

    /** A bound in KiB above which trimming frees more than {@code files - 1} and at most {@code files} files. */
    private static long boundFreeing(long used, long perFile, int files) {
        for (long bound = 1; bound < used; bound++) {
            long excess = used - bound * 8 / 10;
            if (excess > (files - 1) * perFile && excess <= files * perFile) {
                return bound;
            }
        }
        throw new AssertionError("no bound frees exactly " + files + " files of " + used + " KiB");
    }

    private long kibibytes(Path file) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-k", file.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private List<String> trim(long boundKib) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-c", GoBuildCache.TRIM, "trim", cache.toString(), Long.toString(boundKib))
                .redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).as(out).isZero();
        return new ArrayList<>(out.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
