package io.github.kubemaven.engine;

import io.github.kubemaven.config.RegistryCredentials;
import io.github.kubemaven.ground.OutputSink;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The few Docker operations the build needs. One implementation talks to a real engine through docker-java.
 */
public interface DockerEngine extends AutoCloseable {

    /** The engine's version and ID, for the log; fails fast when no engine answers. */
    String serverVersion();

    /** The engine's own address, for messages. */
    String endpoint();

    /** The log's line on the engine, from what {@link #serverVersion} said. */
    default String describe(String serverVersion) {
        return "Docker engine " + serverVersion + " at " + endpoint();
    }

    /** Whether the engine runs on this machine, so that a folder of this machine can be mounted into its containers. */
    boolean onThisMachine();

    /**
     * Whether the engine runs rootless: its root is the user who started it, so containers run as root there and what
     * they write into a mounted tree belongs to that user; any other user id would be one of the engine's subordinate
     * ids. Known once {@link #serverVersion} has been asked.
     */
    boolean rootless();

    /**
     * Whether registry logins (settings.xml servers, the docker configuration's) may be sent to the engine: only when
     * nobody on the way can read them, over a unix socket, ssh or TLS.
     */
    boolean receivesCredentials();

    /** The image's id and labels, when the engine has it. */
    Optional<ImageInfo> inspectImage(String reference);

    void pullImage(String reference, RegistryCredentials credentials, Consumer<String> progress);

    /**
     * Pushes {@code reference} (a {@code repository:tag} the engine has) to its registry.
     *
     * @param credentials the login for the registry, or null to push without one
     */
    void pushImage(String reference, RegistryCredentials credentials, Consumer<String> progress);

    /** Builds {@code contextDir} (Dockerfile at its root) as {@code tag}; returns the image id. */
    String buildImage(Path contextDir, String tag, Map<String, String> buildArguments, Map<String, String> labels,
                      Consumer<String> progress);

    /**
     * Builds an image as {@code docker build} does, but without the engine's build cache, so that every image the steps
     * make is new and this build's own: those of a multi-stage build's earlier stages are removed once it ends, and
     * only the image asked for (with its own layers) stays. Returns its id.
     *
     * @param progress the builder's output, line by line
     */
    String buildImage(ImageBuild build, Consumer<String> progress);

    /** Writes the {@code docker save} archive of the images ({@code repository:tag}, or a repository for its latest). */
    void saveImages(List<String> references, OutputStream archive);

    /** Gives the image {@code source} names the further name {@code target}, taking it from any image that held it. */
    void tagImage(String source, String target);

    void removeImage(String reference);

    /** References ({@code repo:tag}, or ids of untagged ones) of images whose labels include {@code labels}. */
    List<String> listImages(Map<String, String> labels);

    Optional<ContainerState> inspectContainer(String name);

    List<ContainerState> listContainers(Map<String, String> labels);

    /** Creates a container; returns its id. */
    String createContainer(ContainerSpec spec);

    void startContainer(String id);

    /**
     * Unpacks a tar archive at the root of a created container's file system, with the owners its entries name;
     * works before the container starts and on any engine.
     */
    void copyToContainer(String id, byte[] tarArchive);

    /**
     * Whether {@link #copyToContainer} into a created container lands in the volumes it mounts, as Docker's does;
     * Podman's unpacks beneath them, into the container's own file system.
     */
    boolean copiesIntoVolumes();

    /**
     * Starts a created container with its output attached and waits for it to end.
     *
     * @param stdin  what to send to its standard input, or null for none
     * @param output receives its stdout and stderr, line by line (raw bytes when the container has a TTY)
     * @return the exit code
     */
    int runAttached(String id, InputStream stdin, OutputSink output);

    /** {@link #runAttached(String, InputStream, OutputSink)}, calling {@code started} once the container runs. */
    default int runAttached(String id, InputStream stdin, OutputSink output, Runnable started) {
        started.run();
        return runAttached(id, stdin, output);
    }

    /** Gives the terminal of a container that has one this many rows and columns. */
    void resizeTerminal(String id, int rows, int columns);

    /**
     * Runs {@code command} in a running container, its standard input read from {@code stdin} and its standard output
     * written, byte for byte, to {@code stdout}; its standard error goes to {@code stderr} line by line. Returns when the
     * command's output ends, with its exit code; an engine that stops answering meanwhile fails the call within
     * {@link #ANSWER_TIMEOUT} or so, instead of leaving it waiting.
     */
    int exec(String id, List<String> command, InputStream stdin, OutputStream stdout, Consumer<String> stderr);

    /**
     * Tells the engine which tree the containers it creates from now on belong to, and removes what earlier runs of that
     * tree left beside their containers. Called under the tree's lock. Nothing to do on a Docker engine, where a run has
     * no objects but its containers; a cluster labels the object that owns the run's pods with {@code treeLabels}.
     */
    default void openRun(Map<String, String> treeLabels) {
    }

    /**
     * Removes what the run made beside its containers (on a cluster, the object that owns its pods); also when the JVM
     * stops before the run ended, after its containers were removed.
     */
    default void endRun() {
    }

    /** Removes what runs of the tree {@code treeLabels} names left beside containers, volumes and images. */
    default void removeRunObjects(Map<String, String> treeLabels) {
    }

    /** Renews the {@link ContainerLease} of a running container; false when the engine did not take it. */
    default boolean renewLease(String id) {
        return exec(id, ContainerLease.renewal(), null, OutputStream.nullOutputStream(), line -> { }) == 0;
    }

    /** How long a short engine call, or the engine's silence during a long one, may last before the engine counts as gone. */
    java.time.Duration ANSWER_TIMEOUT = java.time.Duration.ofSeconds(20);

    /** Kills and removes a container if it exists; named volumes survive unless removed explicitly. */
    void removeContainer(String name);

    /** The host port a published container port ended up on. */
    Optional<Integer> publishedPort(String container, int containerPort);

    void createVolume(String name, Map<String, String> labels);

    /**
     * Makes a volume of the engine's local driver that the engine mounts with {@code mountOptions} ({@code type},
     * {@code device}, {@code o}, as {@code docker volume create --opt} takes them).
     */
    void createVolume(String name, Map<String, String> labels, Map<String, String> mountOptions);

    /**
     * Whether the engine can mount a volume as an overlay of folders of another volume, on the machine it runs on, for
     * its containers: an engine running as root does; a rootless one may lack the right, and a cluster's pods mount a
     * volume's folder as it is, without the engine's mount.
     */
    default boolean mountsOverlayVolumes() {
        return false;
    }

    /** The folder, on the engine's machine, that holds the files of the named volume, when it exists. */
    Optional<String> volumeFolder(String name);

    List<String> listVolumes(Map<String, String> labels);

    /** The labels of the named volume; empty when it does not exist. */
    Map<String, String> volumeLabels(String name);

    /** Whether a running container mounts any of the named volumes. */
    boolean anyVolumeInUse(Collection<String> names);

    void removeVolume(String name);

    @Override
    void close();
}
