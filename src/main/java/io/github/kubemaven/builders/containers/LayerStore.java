package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.naming.TreeHash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One volume per checkout and build-image version that holds the files of the checkout's build volumes in layers, so
 * that a new branch starts from another branch's files without a copy. Each build volume of the checkout is an overlay
 * the engine mounts: a writable folder over up to {@link #SLOTS} frozen ones. A new branch freezes the writable folder
 * of the branch it starts from (that branch goes on writing into a new, empty one) and stacks the same frozen folders
 * under a writable folder of its own: from then on each branch writes only its own folder, and a frozen folder is never
 * written again, so no branch ever sees another's later writes. A branch whose stack is full is copied as before.
 * <p>
 * In the store, {@code dirs/} holds the folders; {@code states/<id>/} names one stack ({@code u} the writable folder,
 * {@code l1}…{@code l8} the frozen ones, top first, an unused slot an empty folder of its own); and
 * {@code branches/<volume>/cur} names the state a volume mounts, beside the overlay's {@code work} folder. A freeze
 * makes new states and then swaps each branch's {@code cur} with one rename, so a freeze cut short leaves every branch
 * with the stack it had or the new one, never a broken one. Only this checkout's runs use its store, and only under
 * the checkout's lock; a created container that never runs holds it, so that pruning unused volumes never takes the
 * store from volumes that mount its folders.
 */
final class LayerStore {

    /** How many frozen folders a build volume may stack: each slot one path in the mount options, which fit in a page. */
    static final int SLOTS = 8;

    private static final String ROLE = "layers";
    private static final String UNUSABLE_LABEL = BuildNames.LABEL_PREFIX + "layers-unusable";
    /**
     * On a store and on each volume made in it: a value new with each store, so that a volume whose store was removed
     * and made anew (its folders gone) is known as one that no longer mounts.
     */
    private static final String GENERATION_LABEL = BuildNames.LABEL_PREFIX + "layers-generation";
    private static final String MOUNT = "/store";
    /** The longest mount options the kernel takes, a page, less room for what the engine adds. */
    private static final int MOUNT_OPTIONS_LIMIT = 3800;

    /**
     * Removes every branch folder whose volume is gone (named before {@code --}), makes an empty stack for each volume
     * named after it, then removes the states no branch mounts and the folders no such state names. Says
     * {@code overlay} when the engine's kernel knows overlays; without that, it changes nothing.
     */
    private static final String PREPARE = """
            set -eu
            grep -qw overlay /proc/filesystems || exit 0
            mkdir -p /store/branches /store/states /store/dirs
            cd /store
            slots=$1; shift
            keep=" "
            while [ "$1" != -- ]; do keep="$keep$1 "; shift; done
            shift
            for branch in branches/*; do
              [ -e "$branch" ] || continue
              case "$keep" in *" ${branch#branches/} "*) ;; *) rm -rf -- "$branch" ;; esac
            done
            for volume in "$@"; do
              state=$(date +%s%N)-$RANDOM
              mkdir "dirs/$state" "states/$state"
              ln -s "../../dirs/$state" "states/$state/u"
              for ((i = 1; i <= slots; i++)); do mkdir "states/$state/l$i"; done
              mkdir "branches/$volume" "branches/$volume/work"
              ln -s "../../states/$state" "branches/$volume/cur"
            done
            mounted=" "
            for cur in branches/*/cur; do
              [ -L "$cur" ] && mounted="$mounted$(basename "$(readlink "$cur")") "
            done
            named=" "
            for state in states/*; do
              [ -e "$state" ] || continue
              case "$mounted" in *" ${state#states/} "*) ;; *) rm -rf -- "$state"; continue ;; esac
              for link in "$state"/u "$state"/l*; do
                [ -L "$link" ] && named="$named$(basename "$(readlink "$link")") "
              done
            done
            for dir in dirs/*; do
              [ -e "$dir" ] || continue
              case "$named" in *" ${dir#dirs/} "*) ;; *) rm -rf -- "$dir" ;; esac
            done
            echo overlay
            """;

    /**
     * For each pair of branches ({@code from to}): when {@code from} has written anything, it gets a new stack with an
     * empty writable folder (with the owner and mode of the one before, the overlay's top) over its writable folder
     * frozen and its frozen ones; {@code to} gets a stack with an empty writable folder over {@code from}'s frozen ones.
     * Exits 4, changing nothing, when a stack has no slot left.
     */
    private static final String BRANCH = """
            set -eu
            cd /store
            slots=$1; shift
            pairs=("$@")
            stack_of() {
              state=$(readlink "branches/$1/cur")
              state=states/${state##*/}
              upper=$(readlink "$state/u")
              lowers=()
              for ((i = 1; i <= slots; i++)); do
                if [ -L "$state/l$i" ]; then lowers+=("$(readlink "$state/l$i")"); fi
              done
            }
            written() { [ -n "$(ls -A "dirs/${upper##*/}")" ]; }
            mount_next() {
              branch=$1 writable=$2; shift 2
              next=$(date +%s%N)-$RANDOM
              mkdir "states/$next"
              ln -s "../../dirs/$writable" "states/$next/u"
              for ((i = 1; i <= slots; i++)); do
                if [ $i -le $# ]; then ln -s "${!i}" "states/$next/l$i"; else mkdir "states/$next/l$i"; fi
              done
              ln -sfn "../../states/$next" "branches/$branch/cur.next"
              mv -T "branches/$branch/cur.next" "branches/$branch/cur"
            }
            for ((k = 0; k < ${#pairs[@]}; k += 2)); do
              from=${pairs[k]} to=${pairs[k + 1]}
              [ -L "branches/$from/cur" ] && [ -L "branches/$to/cur" ] || { echo "not in the store: $from"; exit 3; }
              stack_of "$from"
              if written && [ ${#lowers[@]} -ge "$slots" ]; then echo "no slot left: $from"; exit 4; fi
            done
            for ((k = 0; k < ${#pairs[@]}; k += 2)); do
              from=${pairs[k]} to=${pairs[k + 1]}
              stack_of "$from"
              if written; then
                lowers=("$upper" "${lowers[@]}")
                fresh=$(date +%s%N)-$RANDOM
                mkdir "dirs/$fresh"
                chown --reference="dirs/${upper##*/}" "dirs/$fresh"
                chmod --reference="dirs/${upper##*/}" "dirs/$fresh"
                mount_next "$from" "$fresh" "${lowers[@]}"
              fi
              fresh=$(date +%s%N)-$RANDOM
              mkdir "dirs/$fresh"
              chown --reference="dirs/${upper##*/}" "dirs/$fresh"
              chmod --reference="dirs/${upper##*/}" "dirs/$fresh"
              mount_next "$to" "$fresh" "${lowers[@]}"
            done
            """;

    private final ContainerSession session;
    private final DockerEngine engine;
    private final String name;
    private final String folder;
    private final String generation;

    private LayerStore(ContainerSession session, String name, String folder) {
        this.session = session;
        this.engine = session.engine();
        this.name = name;
        this.folder = folder;
        this.generation = engine.volumeLabels(name).getOrDefault(GENERATION_LABEL, "");
    }

    /**
     * The store of this run's checkout, made with its holding container when it does not exist yet; empty when the
     * engine cannot mount overlays or an earlier run found it could not.
     */
    static Optional<LayerStore> open(ContainerSession session) {
        DockerEngine engine = session.engine();
        if (!engine.mountsOverlayVolumes()) {
            return Optional.empty();
        }
        String name = nameOf(session.host(), session.root(), session.names().version());
        Map<String, String> labels = labels(session.host(), session.root(), session.names().version());
        if (unusable(engine, name)) {
            return Optional.empty();
        }
        if (!engine.listVolumes(labels).contains(name)) {
            engine.removeContainer(name);
            labels.put(GENERATION_LABEL, java.util.UUID.randomUUID().toString());
            engine.createVolume(name, labels);
        }
        if (engine.inspectContainer(name).isEmpty()) {
            engine.createContainer(ContainerSpec.builder(name, session.helperImage()).labels(labels).volume(name, MOUNT)
                    .command(List.of("true")).build());
        }
        return engine.volumeFolder(name).filter(folder -> fitsMountOptions(folder, session.names().dataVolume("go-pkg-linux_ppc64le_cgo")))
                .map(folder -> new LayerStore(session, name, folder));
    }

    /** The store's volume of the checkout at {@code root}. */
    static String nameOf(HostIdentity host, Path root, String version) {
        return "kube-mvn-layers-" + TreeHash.ofCheckout(host.hostname(), root.toString()) + "-" + version;
    }

    private static Map<String, String> labels(HostIdentity host, Path root, String version) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BuildNames.ROLE_LABEL, ROLE);
        labels.put(BuildNames.VERSION_LABEL, version);
        labels.put(BuildNames.ROOT_LABEL, root.toString());
        labels.put(BuildNames.HOST_LABEL, host.hostname());
        return labels;
    }

    /** Whether a run found that the engine cannot mount the overlays of {@code store}: a marking volume says so. */
    private static boolean unusable(DockerEngine engine, String store) {
        return !engine.listVolumes(Map.of(UNUSABLE_LABEL, store)).isEmpty();
    }

    private static String markOf(String store) {
        return store + "-plain";
    }

    /**
     * Whether the mount options of {@code volume} in a store at {@code folder} hold: no comma, colon, backslash or
     * white space would break their lists, and they fit in the page the kernel takes.
     */
    static boolean fitsMountOptions(String folder, String volume) {
        return folder.startsWith("/") && folder.chars().noneMatch(c -> c == ',' || c == ':' || c == '\\' || Character.isWhitespace(c))
                && mountOptions(folder, volume).get("o").length() <= MOUNT_OPTIONS_LIMIT;
    }

    /**
     * Makes {@code volumes} (name to labels) anew as empty overlays in the store, after removing what volumes that no
     * longer exist left in it.
     *
     * @return false, having made nothing, when the engine's kernel has no overlay file system
     */
    boolean create(Map<String, Map<String, String>> volumes) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", PREPARE, "prepare", String.valueOf(SLOTS)));
        for (String volume : engine.listVolumes(Map.of(BuildNames.LAYERS_LABEL, name))) {
            if (!volumes.containsKey(volume)) {
                command.add(volume);
            }
        }
        command.add("--");
        command.addAll(volumes.keySet());
        boolean[] overlay = {false};
        OneShotContainer.run(engine, session.reaper(), helper("prepare", command),
                "Could not prepare the build volumes' layers in " + name, Hints.DATA_CONTAINER, line -> {
                    if (line.equals("overlay")) {
                        overlay[0] = true;
                    } else {
                        session.log().output(line);
                    }
                });
        if (!overlay[0]) {
            session.log().debug("The engine's kernel has no overlay file system loaded: the build volumes are plain volumes");
            return false;
        }
        volumes.forEach((volume, labels) -> {
            Map<String, String> withStore = new LinkedHashMap<>(labels);
            withStore.put(BuildNames.LAYERS_LABEL, name);
            withStore.put(GENERATION_LABEL, generation);
            engine.createVolume(volume, withStore, mountOptions(folder, volume));
        });
        return true;
    }

    /**
     * Keeps later runs of the checkout from making overlays in this store, with a volume beside it that says so. The
     * volumes that mount its folders no longer count as mountable (see {@link #mountable}) and are made anew, plain.
     */
    void markUnusable() {
        Map<String, String> labels = labels(session.host(), session.root(), session.names().version());
        labels.put(UNUSABLE_LABEL, name);
        engine.createVolume(markOf(name), labels);
    }

    /**
     * Whether {@code failure}, met when a container started, is the engine failing to mount one of {@code volumes}: its
     * message names the volume and a mount.
     */
    static boolean isMountFailure(Throwable failure, Set<String> volumes) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.toLowerCase(java.util.Locale.ROOT).contains("mount") && volumes.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code volume} mounts on {@code engine}: a plain volume does; an overlay only on an engine that mounts
     * overlays, while the store it was made in is there, the same one, and usable.
     */
    static boolean mountable(DockerEngine engine, String volume) {
        Map<String, String> labels = engine.volumeLabels(volume);
        String store = labels.get(BuildNames.LAYERS_LABEL);
        if (store == null) {
            return true;
        }
        return engine.mountsOverlayVolumes() && !unusable(engine, store)
                && Objects.equals(labels.get(GENERATION_LABEL), engine.volumeLabels(store).get(GENERATION_LABEL));
    }

    /** What the engine mounts {@code volume} with: the writable folder of its current stack over its slots. */
    static Map<String, String> mountOptions(String storeFolder, String volume) {
        String stack = storeFolder + "/branches/" + volume + "/cur";
        List<String> slots = new ArrayList<>();
        for (int slot = 1; slot <= SLOTS; slot++) {
            slots.add(stack + "/l" + slot);
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("type", "overlay");
        options.put("device", "overlay");
        options.put("o", "lowerdir=" + String.join(":", slots) + ",upperdir=" + stack + "/u,workdir=" + storeFolder + "/branches/"
                + volume + "/work");
        return options;
    }

    /** Whether every one of {@code volumes} is an overlay of this store. */
    boolean holdsAll(Set<String> volumes) {
        return engine.listVolumes(Map.of(BuildNames.LAYERS_LABEL, name)).containsAll(volumes);
    }

    /**
     * Lets each new volume ({@code seedToNew}'s values) start from the files its seed volume holds now, by stacking the
     * seed's frozen folders under it, the seed's writes since its last freeze frozen first. The seed's tree must be
     * this checkout's, whose lock the run holds.
     *
     * @return false, having changed nothing, when a running container mounts a seed volume or a seed has no slot left
     */
    boolean stackUnder(Map<String, String> seedToNew) {
        for (String seed : seedToNew.keySet()) {
            if (engine.volumeInUse(seed)) {
                session.log().debug("Not stacking the layers of " + seed + ": a running container mounts it");
                return false;
            }
        }
        List<String> command = new ArrayList<>(List.of("bash", "-c", BRANCH, "branch", String.valueOf(SLOTS)));
        seedToNew.forEach((seed, fresh) -> {
            command.add(seed);
            command.add(fresh);
        });
        try {
            OneShotContainer.run(engine, session.reaper(), session.log(), helper("branch", command),
                    "Could not stack the layers of " + String.join(", ", seedToNew.keySet()), Hints.DATA_CONTAINER);
            return true;
        } catch (KubeBuildException e) {
            if (e.getMessage().contains("no slot left")) {
                session.log().debug("The seed's layers fill every slot: copying instead");
                return false;
            }
            throw e;
        }
    }

    private ContainerSpec helper(String job, List<String> command) {
        return ContainerSpec.builder(session.names().dataContainer() + "-" + job, session.helperImage())
                .labels(session.names().labels("seed")).volume(name, MOUNT).command(command).build();
    }

    /**
     * Removes the stores of the checkout at {@code root} that no build volume uses any longer, of every version, with
     * their holding containers: what {@code kube:clean} and a version change leave when they removed the last branch's
     * volumes. The volume that marks a store as one the engine cannot mount stays unless {@code evenMarks}, so that
     * runs do not try overlays again. A store that a leftover container still mounts stays for a later run.
     */
    static List<String> removeUnused(DockerEngine engine, HostIdentity host, Path root, boolean evenMarks) {
        List<String> removed = new ArrayList<>();
        Map<String, String> filter = Map.of(BuildNames.ROLE_LABEL, ROLE, BuildNames.ROOT_LABEL, root.toString(),
                BuildNames.HOST_LABEL, host.hostname());
        for (String volume : engine.listVolumes(filter)) {
            boolean mark = volume.endsWith(markOf("")) && unusable(engine, volume.substring(0, volume.length() - markOf("").length()));
            if (mark ? !evenMarks : !engine.listVolumes(Map.of(BuildNames.LAYERS_LABEL, volume)).isEmpty()) {
                continue;
            }
            try {
                engine.removeContainer(volume);
                engine.removeVolume(volume);
                removed.add(volume);
            } catch (RuntimeException e) {
                // a container that a killed run of another branch left still mounts it: a later run removes the store
            }
        }
        return removed;
    }
}
