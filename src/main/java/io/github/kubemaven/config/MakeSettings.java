package io.github.kubemaven.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the build's make and go commands are told, each with the variable upstream's scripts pass it in.
 *
 * @param platforms        KUBE_BUILD_PLATFORMS, space separated; empty for the tree's default
 * @param goflags          GOFLAGS
 * @param gogcflags        GOGCFLAGS
 * @param goldflags        GOLDFLAGS, or null to leave it unset as upstream does
 * @param verbose          KUBE_VERBOSE, 0 to 10
 * @param fastBuild        KUBE_FASTBUILD
 * @param sourceDateEpoch  SOURCE_DATE_EPOCH, or null for the commit time of HEAD
 * @param gitVersionFile   KUBE_GIT_VERSION_FILE, or null to compute the version
 * @param goproxy          the host's GOPROXY, passed on as upstream does, or null
 * @param extraEnvironment more variables for the command, such as KUBE_TEST_ARGS
 */
public record MakeSettings(String platforms, String goflags, String gogcflags, String goldflags, int verbose,
                           boolean fastBuild, Long sourceDateEpoch, Path gitVersionFile, String goproxy,
                           Map<String, String> extraEnvironment) {

    public MakeSettings {
        extraEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(extraEnvironment));
    }

    /** The platforms one by one; none for the tree's default. */
    public List<String> platformList() {
        return platforms.isBlank() ? List.of() : List.of(platforms.strip().split("\\s+"));
    }
}
