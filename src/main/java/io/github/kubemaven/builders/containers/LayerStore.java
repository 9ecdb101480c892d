package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.ContainerState;
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
import java.util.Optional;
import java.util.Set;

/**
 * One volume per checkout and build-image version that holds the files of the checkout's build volumes in layers, so
 * that a new branch starts from another branch's files without a copy. Each build volume of the checkout is an overlay
 * the engine mounts: its own writable folder over up to {@link #SLOTS} frozen layers. A new branch freezes the writable
 * folder of the branch it starts from into a layer (a rename) and stacks the same layers under a writable folder of its
 * own: from then on each branch writes only its own folder, and a layer is never written again, so no branch ever sees
 * another's later writes. A branch whose stack is full is copied as before.
 * <p>
 * Only this checkout's runs use its store, and only under the checkout's lock: a layer is frozen only while no
 * container of its branch runs, and layers that no branch stacks any longer are removed when a branch is made.
 */
final class LayerStore {

    /** How many frozen layers a build volume may stack: each slot one path in the mount options, which fit in a page. */
    static final int SLOTS = 8;

    private static final String ROLE = "layers";
    private static final String UNUSABLE_LABEL = BuildNames.LABEL_PREFIX + "layers-unusable";
    private static final String MOUNT = "/store";

    /**
     * Removes every branch folder whose volume is gone (named before {@code --}), makes a branch folder for each volume
     * named after it (its writable folder, the overlay's work folder and empty slots), then removes the layers no
     * branch stacks. Says {@code overlay} when the engine's kernel mounts overlays; without that, it changes nothing.
     */
    private static final String PREPARE = """
            set -eu
            grep -qw overlay /proc/filesystems || exit 0
            mkdir -p /store/branches /store/layers
            cd /store/branches
            slots=$1; shift
            keep=" "
            while [ "$1" != -- ]; do keep="$keep$1 "; shift; done
            shift
            for branch in *; do
              [ -e "$branch" ] || continue
              case "$keep" in *" $branch "*) ;; *) rm -rf -- "$branch" ;; esac
            done
            for branch in "$@"; do
              mkdir "$branch" "$branch/upper" "$branch/work"
              i=1; while [ $i -le "$slots" ]; do mkdir "$branch/l$i"; i=$((i + 1)); done
            done
            stacked=" "
            for slot in */l*; do
              [ -L "$slot" ] && stacked="$stacked$(basename "$(readlink "$slot")") "
            done
            cd /store/layers
            for layer in *; do
              [ -e "$layer" ] || continue
              case "$stacked" in *" $layer "*) ;; *) rm -rf -- "$layer" ;; esac
            done
            echo overlay
            """;

    /**
     * For each pair of branch folders ({@code from to}): when {@code from} has written anything, freezes its writable
     * folder into a new layer (its owner and mode go to the new writable folder, which is the overlay's top) and stacks
     * it on top of {@code from}'s layers; {@code to} then stacks the same layers. Exits 4, changing nothing, when a
     * stack has no slot left.
     */
    private static final String BRANCH = """
            set -eu
            cd /store/branches
            slots=$1; shift
            pairs=("$@")
            stack() {
              chain=()
              for ((i = 1; i <= slots; i++)); do
                if [ -L "$1/l$i" ]; then chain+=("$(readlink "$1/l$i")"); fi
              done
            }
            written() { [ -n "$(ls -A "$1/upper")" ]; }
            for ((k = 0; k < ${#pairs[@]}; k += 2)); do
              from=${pairs[k]} to=${pairs[k + 1]}
              [ -d "$from/upper" ] && [ -d "$to/upper" ] || { echo "not in the store: $from"; exit 3; }
              stack "$from"
              if written "$from" && [ ${#chain[@]} -ge "$slots" ]; then echo "no slot left: $from"; exit 4; fi
            done
            place() {
              for ((i = 1; i <= slots; i++)); do
                rm -rf -- "$1/l$i"
                if [ $i -le ${#chain[@]} ]; then ln -s "${chain[i - 1]}" "$1/l$i"; else mkdir "$1/l$i"; fi
              done
            }
            for ((k = 0; k < ${#pairs[@]}; k += 2)); do
              from=${pairs[k]} to=${pairs[k + 1]}
              stack "$from"
              if written "$from"; then
                layer="$(date +%s%N)-$k"
                mv "$from/upper" "../layers/$layer"
                mkdir "$from/upper"
                chown --reference="../layers/$layer" "$from/upper"
                chmod --reference="../layers/$layer" "$from/upper"
                rm -rf -- "$from/work"
                mkdir "$from/work"
                chain=("../../layers/$layer" "${chain[@]}")
                place "$from"
              fi
              place "$to"
            done
            """;

    private final ContainerSession session;
    private final DockerEngine engine;
    private final String name;
    private final String folder;

    private LayerStore(ContainerSession session, String name, String folder) {
        this.session = session;
        this.engine = session.engine();
        this.name = name;
        this.folder = folder;
    }

    /**
     * The store of this run's checkout, made when it does not exist yet; empty when the engine cannot mount overlays
     * or an earlier run found it could not.
     */
    static Optional<LayerStore> open(ContainerSession session) {
        DockerEngine engine = session.engine();
        if (!engine.mountsOverlayVolumes()) {
            return Optional.empty();
        }
        String name = nameOf(session.host(), session.root(), session.names().version());
        Map<String, String> labels = labels(session.host(), session.root(), session.names().version());
        if (!engine.listVolumes(labels).contains(name)) {
            engine.createVolume(name, labels);
        } else if (engine.listVolumes(Map.of(UNUSABLE_LABEL, "true")).contains(name)) {
            return Optional.empty();
        }
        return engine.volumeFolder(name).filter(LayerStore::fitsMountOptions).map(folder -> new LayerStore(session, name, folder));
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

    /** A folder whose path would break the mount options' lists (commas, colons) or quoting keeps its volumes plain. */
    static boolean fitsMountOptions(String folder) {
        return folder.startsWith("/") && folder.chars().noneMatch(c -> c == ',' || c == ':' || c == '\\' || Character.isWhitespace(c));
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
            session.log().debug("The engine's kernel has no overlay file system: the build volumes are plain volumes");
            engine.removeVolume(name);
            Map<String, String> labels = labels(session.host(), session.root(), session.names().version());
            labels.put(UNUSABLE_LABEL, "true");
            engine.createVolume(name, labels);
            return false;
        }
        volumes.forEach((volume, labels) -> {
            Map<String, String> withStore = new LinkedHashMap<>(labels);
            withStore.put(BuildNames.LAYERS_LABEL, name);
            engine.createVolume(volume, withStore, mountOptions(folder, volume));
        });
        return true;
    }

    /** What the engine mounts {@code volume} with: its writable folder over its slots, all in the store. */
    static Map<String, String> mountOptions(String storeFolder, String volume) {
        String branch = storeFolder + "/branches/" + volume;
        List<String> slots = new ArrayList<>();
        for (int slot = 1; slot <= SLOTS; slot++) {
            slots.add(branch + "/l" + slot);
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("type", "overlay");
        options.put("device", "overlay");
        options.put("o", "lowerdir=" + String.join(":", slots) + ",upperdir=" + branch + "/upper,workdir=" + branch + "/work");
        return options;
    }

    /** Whether every one of {@code volumes} is an overlay of this store. */
    boolean holdsAll(Set<String> volumes) {
        return engine.listVolumes(Map.of(BuildNames.LAYERS_LABEL, name)).containsAll(volumes);
    }

    /**
     * Lets each new volume ({@code seedToNew}'s values) start from the files its seed volume holds now, by stacking the
     * seed's layers under it, the seed's writes since its last freeze frozen first. The seed's tree must be this
     * checkout's, whose lock the run holds.
     *
     * @param seedTree the seed's tree hash: no container of it may run while its writable folder is frozen
     * @return false, having changed nothing, when a container of the seed's branch runs or a seed has no slot left
     */
    boolean stackUnder(Map<String, String> seedToNew, String seedTree) {
        if (engine.listContainers(Map.of(BuildNames.TREE_LABEL, seedTree)).stream().anyMatch(ContainerState::running)) {
            session.log().debug("Not sharing the layers of " + seedTree + ": a container of it runs");
            return false;
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
     * Removes the stores of the checkout at {@code root} that no build volume uses any longer, of every version: what
     * {@code kube:clean} and a version change leave when they removed the last branch's volumes.
     */
    static List<String> removeUnused(DockerEngine engine, HostIdentity host, Path root) {
        List<String> removed = new ArrayList<>();
        Map<String, String> filter = Map.of(BuildNames.ROLE_LABEL, ROLE, BuildNames.ROOT_LABEL, root.toString(),
                BuildNames.HOST_LABEL, host.hostname());
        for (String store : engine.listVolumes(filter)) {
            if (engine.listVolumes(Map.of(BuildNames.LAYERS_LABEL, store)).isEmpty()) {
                engine.removeVolume(store);
                removed.add(store);
            }
        }
        return removed;
    }
}
