package io.github.kubemaven.ground;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Every hint the plugin gives the user: what to change or do next, one sentence under the line that says what went
 * wrong. Kept in one place so that the advice stays consistent and can be read as a whole.
 */
public final class Hints {

    private Hints() {
    }

    // settings

    public static final String ENGINES = "Set kube.engines (KUBE_ENGINES) to engine addresses apart by spaces or commas, such as "
            + "\"unix:///var/run/docker.sock tcp://builder:2376 ssh://user@host\".";
    public static final String CLUSTER_ADDRESS = "Set kube.engine to kubernetes (the kubeconfig's current context) or "
            + "k8s://[context][/namespace], such as k8s://kind-dev/builds; leave it unset for a Docker engine.";
    public static final String CLUSTER_NEEDS_RSYNC = "Leave kube.engine unset for this build, or build in containers with "
            + "the default kube.sync=rsync and one engine: the cluster's pods see none of this machine's files.";
    public static final String CLUSTER_NODE = "Annotate each node that may build with the address of its Docker engine, such as "
            + "kubectl annotate node NAME io.github.kubemaven/docker-host=unix:///var/run/docker.sock; the build image is "
            + "made there and the pods' state kept in its volumes.";
    public static final String CLUSTER_NO_INPUT = "Run the shell or the command on a Docker engine (leave kube.engine unset), "
            + "or give the command everything it needs in kube.command.";
    public static final String CLUSTER_UNREACHABLE = "Check that kubectl --context CONTEXT get nodes works with the same "
            + "kubeconfig (KUBECONFIG, ~/.kube/config), or name another context in kube.engine.";
    public static final String CLUSTER_PERMISSIONS = "Let the context's user create, get, list, delete and deletecollection "
            + "pods and configmaps, create pods/exec and get pods/log in the namespace, and list nodes (kubectl auth can-i).";
    public static final String ENGINES_NEED_RSYNC = "Leave kube.engines unset for this build, or build in containers with the "
            + "default kube.sync=rsync, which reaches engines on other machines.";
    public static final String SHARE_FAILED = "Run again when the engine answers, leave it out of kube.engines, or set "
            + "kube.engineRetry=true to move its platforms to an engine that works.";
    public static final String CPUS = "Set kube.cpus to the CPUs a build container may use, such as 1 or 2.5 (at least 0.01), "
            + "or leave it unset for no limit.";
    public static final String MEMORY = "Set kube.memory to the memory a build container may use, such as 8g or 6144m "
            + "(at least 64m), or leave it unset for no limit.";
    public static final String LOCK_TIMEOUT = "Set kube.lockTimeout to the seconds to wait for another run of the tree "
            + "(0: do not wait), or leave it unset for 3600.";
    public static final String VERBOSE = "Set kube.verbose (KUBE_VERBOSE) to a level from 0 to 10; upstream's default is 2.";
    public static final String SOURCE_DATE_EPOCH_RANGE = "Set it to seconds since 1970, such as $(git log -1 --format=%ct), "
            + "or leave it unset to use the commit time of HEAD.";
    public static final String SOURCE_DATE_EPOCH_NUMBER = "Set it to a number such as $(git log -1 --format=%ct), "
            + "or leave it unset to use the commit time of HEAD.";
    public static final String GIT_ARCHIVE = "Check that git can read the tree's history (git log -1), or commit or stash a change "
            + "so that the source tarball is packed from the files instead.";
    public static final String OUTPUT_TIMESTAMP = "Set <project.build.outputTimestamp> to seconds since 1970 or a time such as "
            + "2021-01-13T13:20:00Z between 1980 and 2099, or remove it to use SOURCE_DATE_EPOCH or the commit time of HEAD.";
    public static final String RSYNC_PORT = "Set kube.rsyncPort (KUBE_RSYNC_PORT) to a free port between 1024 and 65535, "
            + "or leave it unset for an ephemeral one.";
    public static final String RSYNC_COMPRESS = "Set kube.rsyncCompress (KUBE_RSYNC_COMPRESS) to a level from 0 (off) to 9.";
    public static final String RSYNC_TRANSPORT = "Set kube.rsyncTransport to api (rsync over the Engine API connection, any engine) "
            + "or port (a published port on 127.0.0.1, local engines; kube.rsyncPort picks it), or leave both unset.";
    public static final String GO_CACHE_SIZE = "Set kube.goCacheSize to a size of at least 1M, such as 512M or 20G (powers of 1024), "
            + "or leave it unset for 10G.";
    public static final String GO_CACHE_IN_USE = "Run kube:clean -Dkube.cleanCache=true again once no build of another tree runs, "
            + "or remove the volume with docker volume rm after removing the data containers that mount it.";
    public static final String SEED = "Set kube.seed to checkouts (the default: this tree's branches, then other checkouts of this "
            + "machine), tree (this tree's branches only) or none.";
    public static final String SYNC_MODE = "Set kube.sync to rsync (the default) or bind.";
    public static final String NO_RSYNC_IN_IMAGE = "Name a cross image that holds rsync with kube.crossImage and kube.crossTag, or, on an "
            + "engine of this machine, leave kube.sync unset (the tree is then mounted into the build container, as upstream's "
            + "build/run.sh does since Kubernetes dropped its rsync container); an image with this machine's rsync added needs an "
            + "engine of this machine's architecture.";
    public static final String BUILD_MODE = "Set kube.mode to docker (the default) or local.";

    public static final String REGISTRY_SERVER = "Add a <server> with that <id>, a <username> and a <password> to ~/.m2/settings.xml, "
            + "or leave kube.registryServerId unset to pull without a login.";

    public static final String IMAGE_REGISTRY = "Give kube.registry as a registry host with an optional port and path, such as "
            + "registry.example.com:5000/kube, or leave it unset to build the build image on every engine.";

    public static final String IMAGE_REGISTRY_LOGIN = "Check that the engine reaches the registry of kube.registry, and that "
            + "~/.m2/settings.xml has a <server> whose <id> is the registry's host (with its port) and whose <username> and "
            + "<password> may push and pull there; or leave kube.registry unset.";

    public static final String REGISTRY_PASSWORD = "Check ~/.m2/settings-security.xml (mvn --encrypt-password), or give the password in plain text.";

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
    public static final String RSYNC_UNREACHABLE = "A published port is reached on this machine's 127.0.0.1 only: on an engine "
            + "elsewhere, leave kube.rsyncTransport and kube.rsyncPort unset to sync over the Engine API.";
    public static final String BIND_NEEDS_LOCAL_ENGINE = "Leave kube.sync unset (rsync) for an engine elsewhere: it syncs the tree "
            + "over the Engine API connection.";
    public static final String RSYNC_OVER_API = "Check that the build image has rsync and bash; run with -X for the daemon's own "
            + "messages.";
    public static final String CONTAINER_INIT = "Podman runs containers under catatonit: install it ('apt-get install catatonit') "
            + "or name another init with init_path in containers.conf.";
    public static final String ENGINE_SILENT = "Check the engine and the network path to it, then run the goal again: the next "
            + "run removes what this one left and keeps the build volume.";
    public static final String ENGINE_STOPPED = "Start the engine again and rerun the goal: the next run removes what this one "
            + "left and keeps the build volume.";
    /** For a failure that is the plugin's own fault. */
    public static final String PLUGIN_FAULT = "Run the goal again with -e to see where it happened, and report it with that output.";

    public static final String ENGINE_FAILED = "If it stopped or restarted, run the goal again: a new run removes what this "
            + "one left behind.";

    /** For an rsync container that would not start, published on {@code port} (null: an ephemeral one). */
    public static String rsyncContainerStart(Integer port) {
        return port == null ? "Check the engine's log." : "Free port " + port + " on 127.0.0.1, or choose another with "
                + "kube.rsyncPort (KUBE_RSYNC_PORT), or leave it unset for an ephemeral port.";
    }

    /** For a command that failed in the build container. */
    public static String reproduceInShell(Path root, String command) {
        return "To reproduce it in the build container, run 'mvn kube:shell' in " + root + " and then: " + command;
    }

    // the host

    public static final String HOST_TOOLS = "Install it (make and Go are needed for kube.mode=local), or use the default "
            + "kube.mode=docker.";
    public static final String QUICK_ONE_COMMAND = "Name one, for example -Dkube.what=cmd/kubelet.";
    public static final String QUICK_COMMAND_FOLDER = "Name a command folder such as cmd/kubelet.";
    public static final String FILES = "Check that the tree and its _output/ folder are writable and that the file system has room.";

    /** For a command that failed on the host; {@code goal} is the plugin's way to the same command. */
    public static String reproduceOnHost(Path folder, String command, String goal) {
        return "To reproduce it, run in " + folder + ": " + command + " (" + goal + ")";
    }

    // the tree, the host and the engine

    /** For an {@code _output/} folder that cannot be written. */
    public static String writableOutput(Path folder) {
        return "Make " + folder + " writable and give its file system room (the build keeps its lock, records and results there).";
    }

    public static String linkRefused(Path found) {
        return "Look at what made " + found + " (a build in the container can make links in the tree) and remove it, "
                + "or run mvn kube:clean to start _output/ afresh.";
    }

    public static final String LOCK_HELD = "Wait for it to end, stop it, or wait longer with -Dkube.lockTimeout=<seconds>.";

    /** For a host without the Go the tree needs ({@code majorMinor}: 1.15 for 1.15.5). */
    public static String installGo(String required, String majorMinor) {
        return "Install Go " + required + " or newer (on Debian: apt-get install golang-" + majorMinor
                + "-go or a later golang-1.NN-go), or point kube.goRoot at a Go installation.";
    }

    public static final String PLATFORM_PAIR = "Name platforms as os/arch, for example -Dkube.platforms=linux/amd64,linux/arm64.";

    public static String choosePlatform(Collection<String> supported) {
        return "Choose from: " + String.join(" ", supported) + ".";
    }

    public static final String WHAT_FOLDER = "Name packages by their folder in the tree, for example -Dkube.what=cmd/kubectl "
            + "or -Dkube.what=./pkg/kubectl/...";

    /** @param groups the tree's command test groups, which always hold {@code kubeadm} */
    public static String commandTestGroup(Collection<String> groups) {
        List<String> some = groups.stream().filter(group -> !group.contains("_")).limit(6).toList();
        return "make test-cmd takes in WHAT the names of its groups (test/cmd/*.sh: run_<group>_tests), for example "
                + "-Dkube.what=\"" + String.join(" ", some) + "\".";
    }

    public static final String COMMAND_TESTS_ALONE = "Run -Dkube.testTargets=test-cmd with its groups in one run and the other "
            + "targets with their packages in another, or leave kube.what unset.";

    public static final String GOPATH_LINK = "Move that folder away (make clean removes _output); the tree's own make also wants a "
            + "link to the tree there.";

    public static final String TREE_ROOT = "Run the goal from the root of a Kubernetes checkout, or point kube.root at one.";

    public static final String DOCKER_SETTINGS = "Check DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH and the current docker "
            + "context, or set kube.dockerHost.";

    public static final String DOCKER_HOST_FORMAT = "Write it as the docker CLI takes it: unix:///var/run/docker.sock, "
            + "tcp://HOST:2376 or ssh://[USER@]HOST[:PORT].";

    public static final String DOCKER_CONTEXT = "List the contexts with 'docker context ls' and choose one with DOCKER_CONTEXT "
            + "or 'docker context use NAME', or name the engine with DOCKER_HOST / kube.dockerHost.";

    public static final String DOCKER_TLS_FILES = "Give ca.pem, cert.pem and key.pem (PEM, the key unencrypted) in DOCKER_CERT_PATH "
            + "(default ~/.docker), or in the docker context's TLS folder ('docker context inspect' shows it).";

    public static final String LOGINS_NEED_TLS = "reach it over TLS (DOCKER_TLS_VERIFY=1 with ca.pem, cert.pem and key.pem in "
            + "DOCKER_CERT_PATH, port 2376), over ssh:// or through a unix socket to pull from a registry that needs a login.";

    public static final String LOCAL_SOCKET = "Check that the temporary folder (java.io.tmpdir) is writable and its path "
            + "short enough for a socket (under about 90 characters).";

    /** For an engine at the ssh address {@code address} that could not be reached. */
    public static String sshEngine(String address) {
        return "Check that 'docker -H " + address + " version' works without asking for anything (the key in ssh-agent "
                + "or ~/.ssh/config, the host key in known_hosts, docker on the remote PATH).";
    }

    public static final String START_ENGINE = "Start one (for example 'sudo systemctl start docker', or 'sudo dockerd &'), "
            + "or point DOCKER_HOST / kube.dockerHost at a running engine.";

    /** For a cross image the engine lacks. */
    public static String provideCrossImage(String reference) {
        return "Provide it with 'docker pull " + reference + "' or 'docker load', or name an image the engine has with "
                + "kube.crossImage and kube.crossTag (KUBE_CROSS_IMAGE / KUBE_CROSS_VERSION).";
    }

    /** For a build image Docker could not build from {@code context}. */
    public static String buildImage(Path context) {
        return "The build context is in " + context + "; check the tree's build/build-image/Dockerfile and the cross image.";
    }

    public static String chooseTarballs(Collection<String> parts) {
        return "Choose from " + String.join(", ", parts) + ", or leave it unset for all.";
    }

    public static final String RELEASE_SCRIPTS = "Package a Kubernetes tree, or give this one the release scripts of the "
            + "Kubernetes version it follows.";

    public static final String RELEASE_PATHS = "Check RELEASE_STAGE, RELEASE_TARS and LOCAL_OUTPUT_ROOT in the tree's "
            + "build/common.sh and build/lib/release.sh.";

    public static final String WITHOUT_SERVER_IMAGES = "Package without server images: -Dkube.release.images=false.";

    public static final String RELEASE_BINARIES = "Check that the binaries for every packaged platform are in "
            + "_output/dockerized/bin (kube.platforms).";

    public static final String SEMANTIC_VERSION = "Tag the commit with a version such as v1.20.2, or set KUBE_GIT_VERSION_FILE "
            + "(kube.gitVersionFile) to a version file.";

    public static final String VERSION_FILE = "Fix KUBE_GIT_VERSION_FILE / kube.gitVersionFile, or unset it to take the version from git.";

    public static final String GIT_STATE = "Fix the tree's git state, or set KUBE_GIT_VERSION_FILE (kube.gitVersionFile) to a version file.";

    public static final String SHELL_TERMINAL = "Run kube:shell from a terminal, or give the command with -Dkube.shellCommand=...";

    public static final String RUN_COMMAND = "Give it with -Dkube.command=\"make test WHAT=./pkg/kubectl/...\" or <command> "
            + "in the plugin configuration.";

    public static final String BALANCE_QUOTES = "Balance its quotes.";

    public static final String INSTALL_RSYNC = "Install it (for example 'sudo apt-get install rsync' or 'brew install rsync') and run again.";

    public static final String RSYNC_TRANSFER = "Check that the files are readable and the disk has room; run with "
            + "-Dkube.verbose=6 to list each file.";

    public static final String RSYNC_LISTING = "Run again; if it persists, start from fresh volumes with 'mvn kube:clean'.";

    public static final String TESTS_FAILED = "Rerun one with -Dkube.what=<package> (and -Dkube.testArgs=\"-run <Test>\"), "
            + "or set kube.testFailureIgnore=true to go on regardless.";

    public static final String ENGINE_DOCKER_CALLS = "Install the docker command on this machine, which then builds the server "
            + "images itself, or package without server images: -Dkube.release.images=false.";
}
