package io.github.kubemaven.config;

import java.util.Optional;

/**
 * Every parameter the goals read, by its user property, with the environment variable of upstream's scripts that
 * fills it when it is not set.
 */
public enum UserProperty {
    ROOT("kube.root", null),
    DOCKER_HOST("kube.dockerHost", null),
    ENGINE("kube.engine", null),
    CPUS("kube.cpus", null),
    MEMORY("kube.memory", null),
    ENGINES("kube.engines", "KUBE_ENGINES"),
    ENGINE_RETRY("kube.engineRetry", null),
    REGISTRY("kube.registry", null),
    CROSS_IMAGE("kube.crossImage", "KUBE_CROSS_IMAGE"),
    CROSS_TAG("kube.crossTag", "KUBE_CROSS_VERSION"),
    PLATFORMS("kube.platforms", "KUBE_BUILD_PLATFORMS"),
    WHAT("kube.what", "WHAT"),
    GOFLAGS("kube.goflags", "GOFLAGS"),
    GOGCFLAGS("kube.gogcflags", "GOGCFLAGS"),
    GOLDFLAGS("kube.goldflags", "GOLDFLAGS"),
    VERBOSE("kube.verbose", "KUBE_VERBOSE"),
    FAST_BUILD("kube.fastBuild", "KUBE_FASTBUILD"),
    SOURCE_DATE_EPOCH("kube.sourceDateEpoch", "SOURCE_DATE_EPOCH"),
    OUTPUT_TIMESTAMP("project.build.outputTimestamp", null),
    GIT_VERSION_FILE("kube.gitVersionFile", "KUBE_GIT_VERSION_FILE"),
    RSYNC_PORT("kube.rsyncPort", "KUBE_RSYNC_PORT"),
    RSYNC_COMPRESS("kube.rsyncCompress", "KUBE_RSYNC_COMPRESS"),
    RSYNC_TRANSPORT("kube.rsyncTransport", null),
    HTTP_PROXY("kube.httpProxy", "KUBERNETES_HTTP_PROXY"),
    HTTPS_PROXY("kube.httpsProxy", "KUBERNETES_HTTPS_PROXY"),
    NO_PROXY("kube.noProxy", "KUBERNETES_NO_PROXY"),
    FORCE("kube.force", null),
    KEEP_GENERATED("kube.keepGenerated", null),
    GO_CACHE_SIZE("kube.goCacheSize", null),
    CLEAN_CACHE("kube.cleanCache", null),
    CLEAN_BRANCH("kube.cleanBranch", null),
    SEED("kube.seed", null),
    SYNC("kube.sync", null),
    MODE("kube.mode", null),
    GO_ROOT("kube.goRoot", "GOROOT"),
    LOCK_TIMEOUT("kube.lockTimeout", null),
    COPY_OUTPUT("kube.copyOutput", "KUBE_RUN_COPY_OUTPUT"),
    TEST_ARGS("kube.testArgs", "KUBE_TEST_ARGS"),
    RACE("kube.race", "KUBE_RACE"),
    TEST_TIMEOUT("kube.testTimeout", "KUBE_TIMEOUT"),
    TARBALLS("kube.tarballs", null),
    CROSS_BUILD("kube.crossBuild", null),
    RELEASE_IMAGES("kube.release.images", null);

    private final String property;
    private final String variable;

    UserProperty(String property, String variable) {
        this.property = property;
        this.variable = variable;
    }

    /** The user property, as in {@code -Dkube.platforms=...}. */
    public String property() {
        return property;
    }

    /** Upstream's environment variable for the same setting, if it has one. */
    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }
}
