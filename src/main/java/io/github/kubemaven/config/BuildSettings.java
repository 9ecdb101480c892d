package io.github.kubemaven.config;

import io.github.kubemaven.ground.KubeBuildException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a dockerized build can be told, with upstream's environment variable named beside each.
 *
 * @param root             the Kubernetes tree (KUBE_ROOT)
 * @param dockerHost       the engine's address, or null for DOCKER_HOST and the docker context
 * @param crossImage       the cross image repository (KUBE_CROSS_IMAGE), or null for the tree's
 * @param crossTag         the cross image tag (KUBE_CROSS_VERSION), or null for build/build-image/cross/VERSION
 * @param platforms        KUBE_BUILD_PLATFORMS, space separated
 * @param goflags          GOFLAGS
 * @param gogcflags        GOGCFLAGS
 * @param goldflags        GOLDFLAGS, or null to leave it unset as upstream does
 * @param verbose          KUBE_VERBOSE
 * @param fastBuild        KUBE_FASTBUILD
 * @param sourceDateEpoch  SOURCE_DATE_EPOCH, or null for the commit time of HEAD
 * @param rsyncPort        KUBE_RSYNC_PORT, or null for an ephemeral port
 * @param rsyncCompress    KUBE_RSYNC_COMPRESS, 0 for none
 * @param offline          never pull images
 * @param httpProxy        KUBERNETES_HTTP_PROXY
 * @param httpsProxy       KUBERNETES_HTTPS_PROXY
 * @param noProxy          KUBERNETES_NO_PROXY
 * @param gitVersionFile   KUBE_GIT_VERSION_FILE, or null to compute the version
 * @param extraEnvironment more variables for the build container
 * @param force            build even when nothing changed since the last successful build
 * @param keepGenerated    keep generated files in the build volume between runs, for make to decide what to redo
 * @param syncMode         how sources reach the build container
 * @param mode             in Docker containers, or on the host with a local Go
 * @param goRoot           the Go installation for the host-side build, or null to look for one
 * @param lockTimeout      how long to wait for another run of the same tree
 */
public record BuildSettings(
        Path root,
        String dockerHost,
        String crossImage,
        String crossTag,
        String platforms,
        String goflags,
        String gogcflags,
        String goldflags,
        int verbose,
        boolean fastBuild,
        Long sourceDateEpoch,
        Integer rsyncPort,
        int rsyncCompress,
        boolean offline,
        String httpProxy,
        String httpsProxy,
        String noProxy,
        Path gitVersionFile,
        Map<String, String> extraEnvironment,
        boolean force,
        boolean keepGenerated,
        SyncMode syncMode,
        Mode mode,
        Path goRoot,
        java.time.Duration lockTimeout) {

    /** How long a run waits for another run of the same tree, unless told otherwise. */
    public static final int DEFAULT_LOCK_TIMEOUT_SECONDS = 3600;
    static final long LATEST_EPOCH = 253402300799L;

    /** Where the build runs. */
    public enum Mode {
        /** In the build container, as build/run.sh does. */
        DOCKER,
        /** On the host with a local Go, as a plain make does. */
        LOCAL
    }

    /** How sources reach the build container. */
    public enum SyncMode {
        /** Upstream's three containers: a data volume, synced in and out with rsync. */
        RSYNC,
        /** The tree itself is mounted into the build container, as newer Kubernetes releases do; local engines only. */
        BIND
    }

    /** The same settings for the tree at {@code other} (its canonical path). */
    public BuildSettings withRoot(Path other) {
        return new BuildSettings(other, dockerHost, crossImage, crossTag, platforms, goflags, gogcflags, goldflags, verbose,
                fastBuild, sourceDateEpoch, rsyncPort, rsyncCompress, offline, httpProxy, httpsProxy, noProxy, gitVersionFile,
                extraEnvironment, force, keepGenerated, syncMode, mode, goRoot, lockTimeout);
    }

    public static Builder builder(Path root) {
        return new Builder(root);
    }

    public static final class Builder {
        private final Path root;
        private String dockerHost;
        private String crossImage;
        private String crossTag;
        private String platforms = "";
        private String goflags = "";
        private String gogcflags = "";
        private String goldflags;
        private int verbose = 2;
        private boolean fastBuild;
        private Long sourceDateEpoch;
        private Integer rsyncPort;
        private int rsyncCompress;
        private boolean offline;
        private String httpProxy = "";
        private String httpsProxy = "";
        private String noProxy = "";
        private Path gitVersionFile;
        private final Map<String, String> extraEnvironment = new LinkedHashMap<>();
        private boolean force;
        private boolean keepGenerated = true;
        private SyncMode syncMode = SyncMode.RSYNC;
        private Mode mode = Mode.DOCKER;
        private Path goRoot;
        private long lockTimeoutSeconds = DEFAULT_LOCK_TIMEOUT_SECONDS;

        private Builder(Path root) {
            this.root = root;
        }

        public Builder dockerHost(String value) {
            dockerHost = blankToNull(value);
            return this;
        }

        public Builder crossImage(String value) {
            crossImage = blankToNull(value);
            return this;
        }

        public Builder crossTag(String value) {
            crossTag = blankToNull(value);
            return this;
        }

        public Builder platforms(String value) {
            platforms = nullToEmpty(value).strip().replaceAll("[\\s,]+", " ");
            return this;
        }

        public Builder goflags(String value) {
            goflags = nullToEmpty(value);
            return this;
        }

        public Builder gogcflags(String value) {
            gogcflags = nullToEmpty(value);
            return this;
        }

        public Builder goldflags(String value) {
            goldflags = value;
            return this;
        }

        public Builder verbose(int value) {
            verbose = value;
            return this;
        }

        public Builder fastBuild(boolean value) {
            fastBuild = value;
            return this;
        }

        public Builder sourceDateEpoch(Long value) {
            sourceDateEpoch = value;
            return this;
        }

        public Builder rsyncPort(Integer value) {
            rsyncPort = value;
            return this;
        }

        public Builder rsyncCompress(int value) {
            rsyncCompress = value;
            return this;
        }

        public Builder offline(boolean value) {
            offline = value;
            return this;
        }

        public Builder httpProxy(String value) {
            httpProxy = nullToEmpty(value);
            return this;
        }

        public Builder httpsProxy(String value) {
            httpsProxy = nullToEmpty(value);
            return this;
        }

        public Builder noProxy(String value) {
            noProxy = nullToEmpty(value);
            return this;
        }

        public Builder gitVersionFile(Path value) {
            gitVersionFile = value;
            return this;
        }

        public Builder environment(String name, String value) {
            extraEnvironment.put(name, value);
            return this;
        }

        public Builder force(boolean value) {
            force = value;
            return this;
        }

        public Builder keepGenerated(boolean value) {
            keepGenerated = value;
            return this;
        }

        public Builder syncMode(String value) {
            if (value == null || value.isBlank()) {
                return this;
            }
            try {
                syncMode = SyncMode.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new KubeBuildException("kube.sync is '" + value + "'.", "Set kube.sync to rsync (the default) or bind.");
            }
            return this;
        }

        public Builder mode(String value) {
            if (value == null || value.isBlank()) {
                return this;
            }
            try {
                mode = Mode.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new KubeBuildException("kube.mode is '" + value + "'.", "Set kube.mode to docker (the default) or local.");
            }
            return this;
        }

        public Builder goRoot(Path value) {
            goRoot = value;
            return this;
        }

        public Builder lockTimeoutSeconds(Integer value) {
            if (value != null) {
                lockTimeoutSeconds = value;
            }
            return this;
        }

        public BuildSettings build() {
            if (lockTimeoutSeconds < 0) {
                throw new KubeBuildException("kube.lockTimeout is " + lockTimeoutSeconds + ", and a wait cannot be negative.",
                        "Set kube.lockTimeout to the seconds to wait for another run of the tree (0: do not wait), or leave it unset for "
                                + DEFAULT_LOCK_TIMEOUT_SECONDS + ".");
            }
            if (verbose < 0 || verbose > 10) {
                throw new KubeBuildException("The verbosity " + verbose + " is out of range.",
                        "Set kube.verbose (KUBE_VERBOSE) to a level from 0 to 10; upstream's default is 2.");
            }
            if (sourceDateEpoch != null && sourceDateEpoch > LATEST_EPOCH) {
                throw new KubeBuildException("SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is " + sourceDateEpoch + ", after the year 9999.",
                        "Set it to seconds since 1970, such as $(git log -1 --format=%ct), or leave it unset to use the commit time of HEAD.");
            }
            if (rsyncPort != null && (rsyncPort < 1 || rsyncPort > 65535)) {
                throw new KubeBuildException("The rsync port " + rsyncPort + " is not a TCP port (1 to 65535).",
                        "Set kube.rsyncPort (KUBE_RSYNC_PORT) to a free port between 1024 and 65535, or leave it unset for an ephemeral one.");
            }
            if (rsyncCompress < 0 || rsyncCompress > 9) {
                throw new KubeBuildException("The rsync compression level " + rsyncCompress + " is out of range.",
                        "Set kube.rsyncCompress (KUBE_RSYNC_COMPRESS) to a level from 0 (off) to 9.");
            }
            return new BuildSettings(root, dockerHost, crossImage, crossTag, platforms, goflags, gogcflags, goldflags,
                    verbose, fastBuild, sourceDateEpoch, rsyncPort, rsyncCompress, offline, httpProxy, httpsProxy,
                    noProxy, gitVersionFile, Map.copyOf(extraEnvironment), force, keepGenerated, syncMode, mode, goRoot,
                    java.time.Duration.ofSeconds(lockTimeoutSeconds));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static String nullToEmpty(String value) {
            return value == null ? "" : value;
        }
    }
}
