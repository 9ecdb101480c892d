package io.github.kubemaven.ground;

/**
 * Every hint the plugin gives the user: what to change or do next, one sentence under the line that says what went
 * wrong. Kept in one place so that the advice stays consistent and can be read as a whole.
 */
public final class Hints {

    private Hints() {
    }

    // settings

    public static final String LOCK_TIMEOUT = "Set kube.lockTimeout to the seconds to wait for another run of the tree "
            + "(0: do not wait), or leave it unset for 3600.";
    public static final String VERBOSE = "Set kube.verbose (KUBE_VERBOSE) to a level from 0 to 10; upstream's default is 2.";
    public static final String SOURCE_DATE_EPOCH_RANGE = "Set it to seconds since 1970, such as $(git log -1 --format=%ct), "
            + "or leave it unset to use the commit time of HEAD.";
    public static final String SOURCE_DATE_EPOCH_NUMBER = "Set it to a number such as $(git log -1 --format=%ct), "
            + "or leave it unset to use the commit time of HEAD.";
    public static final String RSYNC_PORT = "Set kube.rsyncPort (KUBE_RSYNC_PORT) to a free port between 1024 and 65535, "
            + "or leave it unset for an ephemeral one.";
    public static final String RSYNC_COMPRESS = "Set kube.rsyncCompress (KUBE_RSYNC_COMPRESS) to a level from 0 (off) to 9.";
    public static final String SYNC_MODE = "Set kube.sync to rsync (the default) or bind.";
    public static final String BUILD_MODE = "Set kube.mode to docker (the default) or local.";

    public static final String PROXY_PASSWORD = "Check ~/.m2/settings-security.xml, or give the proxy with KUBERNETES_HTTP_PROXY.";

    public static String wholeNumber(String property) {
        return "Set " + property + " to a number, or leave it unset.";
    }

    // what the tree and earlier runs must provide

    public static final String CROSS_TAG = "Set kube.crossTag (KUBE_CROSS_VERSION) to the kube-cross tag to build with.";
    public static final String BUILD_FIRST = "Run 'mvn kube:build' (or kube:run) first.";
    public static final String BUILD_CROSS_FIRST = "Build them first: leave kube.crossBuild at true, or run "
            + "'mvn kube:build -Dkube.targets=cross' before.";
    public static final String BINARIES_OF_ANOTHER_COMMIT = "Build again (leave kube.crossBuild at true), or return the tree "
            + "to the commit the binaries were built from.";
    public static final String PACKAGE_IN_DOCKER = "Package with kube.mode=docker (the default).";
    public static final String SERVER_IMAGE_BASE = "Load or build it, point the tree's KUBE_<BINARY>_BASE_IMAGE variable at an "
            + "image the engine has, or package without server images: -Dkube.release.images=false.";

    // containers

    public static final String DATA_CONTAINER = "Run 'mvn kube:clean' to start from fresh volumes, and check that the build "
            + "image has chown.";
    public static final String RSYNC_UNREACHABLE = "A remote Docker engine cannot be reached this way; use a local engine, "
            + "or forward the port and set kube.rsyncPort.";
    public static final String ENGINE_STOPPED = "Start the engine again and rerun the goal: the next run removes what this one "
            + "left and keeps the build volume.";
    public static final String ENGINE_FAILED = "If it stopped or restarted, run the goal again: a new run removes what this "
            + "one left behind.";

    /** For an rsync container that would not start, published on {@code port} (null: an ephemeral one). */
    public static String rsyncContainerStart(Integer port) {
        return port == null ? "Check the engine's log." : "Free port " + port + " on 127.0.0.1, or choose another with "
                + "kube.rsyncPort (KUBE_RSYNC_PORT), or leave it unset for an ephemeral port.";
    }

    /** For a command that failed in the build container. */
    public static String reproduceInShell(java.nio.file.Path root, String command) {
        return "To reproduce it in the build container, run 'mvn kube:shell' in " + root + " and then: " + command;
    }

    // the host

    public static final String HOST_TOOLS = "Install it (make and Go are needed for kube.mode=local), or use the default "
            + "kube.mode=docker.";
    public static final String QUICK_ONE_COMMAND = "Name one, for example -Dkube.what=cmd/kubelet.";
    public static final String QUICK_COMMAND_FOLDER = "Name a command folder such as cmd/kubelet.";
    public static final String FILES = "Check that the tree and its _output/ folder are writable and that the file system has room.";

    /** For a command that failed on the host; {@code goal} is the plugin's way to the same command. */
    public static String reproduceOnHost(java.nio.file.Path folder, String command, String goal) {
        return "To reproduce it, run in " + folder + ": " + command + " (" + goal + ")";
    }
}
