package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.naming.BuildNames;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Go build cache that every tree and branch built with one build image shares on an engine: a volume mounted
 * where the build puts GOCACHE ({@code _output/dockerized/go/cache}), beside each tree's own volume. Go's cache is
 * addressed by content and safe for concurrent builds, so a second checkout or a new branch compiles only what no
 * build on the engine compiled before. It survives {@code kube:clean} unless asked, and is kept under a size bound.
 * Release builds leave it alone and compile with a {@link FreshGoCache}.
 */
public final class GoBuildCache {

    /** Where the build puts GOCACHE: {@code hack/lib/golang.sh} sets it to {@code $KUBE_OUTPUT/go/cache}. */
    public static final String PATH = MakeEnvironment.REMOTE_ROOT + "/" + MakeEnvironment.OUTPUT_SUBPATH + "/go/cache";

    /**
     * Removes, when the cache holds more than {@code $2} KiB, the least recently used files until it holds 80% of
     * that; Go marks an entry used by its modification time. Prints the KiB held before and after. Names travel
     * NUL-separated from find to rm, so that no name (a newline, a quote) can stand for another file or stop the trim.
     */
    static final String TRIM = """
            export LC_ALL=C
            used=$(du -sk "$1" | cut -f1)
            echo "$used"
            if [ "$used" -gt "$2" ]; then
              find "$1" -type f -printf '%T@ %k %p\\0' | sort -z -n \\
                | awk -v RS='\\0' -v ORS='\\0' -v excess=$((used - $2 * 8 / 10)) \\
                    '{ if (freed >= excess) exit; freed += $2; sub(/^[^ ]* [^ ]* /, ""); print }' \\
                | xargs -0 -r rm -f --
              du -sk "$1" | cut -f1
            fi
            """;

    private final DockerEngine engine;
    private final BuildNames names;
    private final BuildLog log;

    public GoBuildCache(DockerEngine engine, BuildNames names, BuildLog log) {
        this.engine = engine;
        this.names = names;
        this.log = log;
    }

    public String volume() {
        return names.goCacheVolume();
    }

    /** Makes the cache's volume unless the engine has it. */
    public void ensure() {
        if (!engine.listVolumes(names.goCacheLabels()).contains(volume())) {
            log.info("Creating the shared Go build cache " + volume());
            engine.createVolume(volume(), names.goCacheLabels());
        }
    }

    /**
     * Trims the cache to its bound from inside {@code container}, a running container that mounts it.
     *
     * @return whether it had to
     */
    public boolean trim(String container, long boundBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> errors = new ArrayList<>();
        int exitCode = engine.exec(container, List.of("sh", "-c", TRIM, "trim", PATH, Long.toString(boundBytes >> 10)), null, out, errors::add);
        List<String> sizes = out.toString(StandardCharsets.UTF_8).lines().map(String::strip).filter(line -> line.matches("\\d+")).toList();
        if (exitCode != 0 || sizes.isEmpty()) {
            log.warn("Could not measure the shared Go build cache " + volume() + " (exit code " + exitCode + "): " + String.join(" / ", errors));
            return false;
        }
        if (sizes.size() < 2) {
            log.debug("Shared Go build cache " + volume() + ": " + megabytes(sizes.get(0)) + " of " + (boundBytes >> 20) + " MiB");
            return false;
        }
        log.info("Trimmed the shared Go build cache " + volume() + " from " + megabytes(sizes.get(0)) + " to " + megabytes(sizes.get(1))
                + " MiB, the least recently used first (kube.goCacheSize " + (boundBytes >> 20) + " MiB)");
        return true;
    }

    private static long megabytes(String kibibytes) {
        return Long.parseLong(kibibytes) >> 10;
    }

    /**
     * Removes the cache, or, while containers of other trees still mount it (their data containers keep it as long as
     * they exist), empties it with a container of {@code image}; Go makes its folders again on the next build.
     */
    public void remove(String image, ContainerReaper reaper) {
        if (!engine.listVolumes(names.goCacheLabels()).contains(volume())) {
            return;
        }
        try {
            engine.removeVolume(volume());
            log.info("Removed the shared Go build cache " + volume());
            return;
        } catch (RuntimeException inUse) {
            log.debug("The shared Go build cache is in use: " + inUse.getMessage());
        }
        OneShotContainer.run(engine, reaper, log, ContainerSpec.builder(volume() + "-clean", image)
                        .labels(names.goCacheLabels())
                        .volume(volume(), "/cache")
                        .command(List.of("find", "/cache", "-mindepth", "1", "-delete"))
                        .build(),
                "The shared Go build cache " + volume() + " could not be emptied", Hints.GO_CACHE_IN_USE);
        log.info("Emptied the shared Go build cache " + volume() + ", which other trees' data containers still mount");
    }
}
