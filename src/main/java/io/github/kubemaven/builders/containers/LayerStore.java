package io.github.kubemaven.builders.containers;

import io.github.kubemaven.engine.ContainerReaper;
import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostIdentity;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.naming.TreeHash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One volume per host and build-image version that holds the files of the build volumes of the host's checkouts in
 * layers, so that a new branch or a second checkout starts from another volume's files without a copy. Each build
 * volume is an overlay the engine mounts: a writable folder over up to {@link #SLOTS} frozen ones. A new branch of
 * a checkout freezes the writable folder of the branch it starts from (that branch goes on writing into a new, empty
 * one) and stacks the same frozen folders under a writable folder of its own; a volume of another checkout stacks
 * only the frozen folders it finds and gets the rest by a copy, so that one checkout's run never reshapes another's
 * volumes. From then on each volume writes only its own folder, and a frozen folder is never written again, so no
 * volume ever sees another's later writes.
 * <p>
 * In the store, {@code dirs/} holds the folders; {@code states/<id>/} names one stack ({@code u} the writable folder,
 * {@code l1}…{@code l8} the frozen ones, top first, an unused slot an empty folder of its own); and
 * {@code branches/<volume>/cur} names the state a volume mounts, beside the overlay's {@code work} folder. A freeze
 * makes new states and then swaps each volume's {@code cur} with one rename, so a freeze cut short leaves every volume
 * with the stack it had or the new one, never a broken one. A volume's folders change only in runs of its checkout,
 * under the checkout's lock; the helpers that change the store's layout take the store's own lock ({@code flock}),
 * and a folder is removed only when no stack names it any longer. A created container that never runs holds the
 * store, so that pruning unused volumes never takes it from volumes that mount its folders.
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

    /** How long a volume's folder stays after its volume is no longer listed: a run of another checkout may be making it. */
    static final int GRACE_MINUTES = 60;

    /** Takes the store's lock for the rest of a script: the helpers that change the layout take turns. */
    private static final String LOCKED = """
            set -eu
            cd /store
            exec 9>>.lock
            flock 9
            """;

    /**
     * Arguments: slots, grace, the volumes that exist, {@code --}, name prefixes of volumes removed under their
     * checkout's lock, {@code --}, the volumes to make. Makes an empty stack for each volume to make, then removes the
     * folders of volumes that do not exist (at once for the prefixes, otherwise once they are older than the grace in
     * minutes: another checkout's run may be making one), the states no volume mounts and the folders no such state
     * names. Says {@code overlay} when the engine's kernel knows overlays; without that, it changes nothing.
     */
    private static final String PREPARE = """
            set -eu
            grep -qw overlay /proc/filesystems || exit 0
            mkdir -p /store/branches /store/states /store/dirs
            """ + LOCKED + """
            slots=$1 grace=$2; shift 2
            keep=" "
            while [ "$1" != -- ]; do keep="$keep$1 "; shift; done
            shift
            gone=()
            while [ "$1" != -- ]; do gone+=("$1"); shift; done
            shift
            made=$(date +%s%N) n=0 folders=() links=() doomed=()
            for volume in "$@"; do
              keep="$keep$volume "
              n=$((n + 1)) state=$made-$n-$RANDOM
              if [ -e "branches/$volume" ] || [ -L "branches/$volume" ]; then doomed+=("branches/$volume"); fi
              folders+=("dirs/$state" "states/$state")
              for ((i = 1; i <= slots; i++)); do folders+=("states/$state/l$i"); done
              folders+=("branches/$volume" "branches/$volume/work")
              links+=("../../dirs/$state" "states/$state/u" "../../states/$state" "branches/$volume/cur")
            done
            old=" $(find branches -mindepth 1 -maxdepth 1 -mmin "+$grace" -printf '%f ')"
            for branch in branches/*; do
              [ -e "$branch" ] || continue
              name=${branch#branches/}
              case "$keep" in *" $name "*) continue ;; esac
              left=
              case "$old" in *" $name "*) left=yes ;; esac
              for prefix in "${gone[@]}"; do
                case "$name" in "$prefix"*) left=yes ;; esac
              done
              if [ -n "$left" ]; then doomed+=("$branch"); fi
            done
            if [ ${#doomed[@]} -gt 0 ]; then rm -rf -- "${doomed[@]}"; fi
            if [ ${#folders[@]} -gt 0 ]; then mkdir -- "${folders[@]}"; fi
            for ((i = 0; i < ${#links[@]}; i += 2)); do ln -s -- "${links[i]}" "${links[i + 1]}"; done
            mounted=" "
            targets=$(find branches -mindepth 2 -maxdepth 2 -name cur -type l -printf '%l\\n')
            while IFS= read -r target; do mounted="$mounted${target##*/} "; done <<< "$targets"
            doomed=()
            for state in states/*; do
              [ -e "$state" ] || continue
              case "$mounted" in *" ${state#states/} "*) ;; *) doomed+=("$state") ;; esac
            done
            if [ ${#doomed[@]} -gt 0 ]; then rm -rf -- "${doomed[@]}"; fi
            named=" "
            targets=$(find states -mindepth 2 -maxdepth 2 -type l -printf '%l\\n')
            while IFS= read -r target; do named="$named${target##*/} "; done <<< "$targets"
            doomed=()
            for dir in dirs/*; do
              [ -e "$dir" ] || continue
              case "$named" in *" ${dir#dirs/} "*) ;; *) doomed+=("$dir") ;; esac
            done
            if [ ${#doomed[@]} -gt 0 ]; then rm -rf -- "${doomed[@]}"; fi
            echo overlay
            for feature in redirect_dir metacopy; do
              if [ -e "/sys/module/overlay/parameters/$feature" ]; then echo "overlay knows $feature"; fi
            done
            """;

    /**
     * For each pair of volumes ({@code from to}), in mode {@code freeze}: when {@code from} has written anything, it
     * gets a new stack with an empty writable folder (with the owner and mode of the one before, the overlay's top)
     * over its writable folder frozen and its frozen ones; {@code to} gets a stack with an empty writable folder over
     * {@code from}'s frozen ones. Exits 4, changing nothing, when a stack has no slot left. In mode {@code share},
     * {@code from} stays as it is and {@code to} stacks only its frozen folders; exits 5, changing nothing, when no
     * {@code from} has any.
     */
    private static final String BRANCH = LOCKED + """
            slots=$1 mode=$2; shift 2
            pairs=("$@")
            made=$(date +%s%N) n=0
            new_name() { n=$((n + 1)); name=$made-$n-$RANDOM; }
            stack_of() {
              state=$(readlink "branches/$1/cur")
              state=states/${state##*/}
              links=$(find "$state" -mindepth 1 -maxdepth 1 -type l -printf '%f %l\\n')
              upper= slot=()
              while read -r link target; do
                case "$link" in u) upper=$target ;; l[1-9]*) slot[${link#l}]=$target ;; esac
              done <<< "$links"
              [ -n "$upper" ] || { echo "no writable folder: $1"; exit 1; }
              lowers=()
              for ((i = 1; i <= slots; i++)); do
                if [ -n "${slot[i]-}" ]; then lowers+=("${slot[i]}"); fi
              done
            }
            written() { [ -n "$(ls -A "dirs/${upper##*/}")" ]; }
            mount_next() {
              branch=$1 writable=$2; shift 2
              new_name
              next=$name
              folders=("states/$next")
              for ((i = $# + 1; i <= slots; i++)); do folders+=("states/$next/l$i"); done
              mkdir -- "${folders[@]}"
              ln -s "../../dirs/$writable" "states/$next/u"
              for ((i = 1; i <= $# && i <= slots; i++)); do ln -s "${!i}" "states/$next/l$i"; done
              ln -sfn "../../states/$next" "branches/$branch/cur.next"
              mv -T "branches/$branch/cur.next" "branches/$branch/cur"
            }
            fresh_like_upper() {
              new_name
              fresh=$name
              mkdir "dirs/$fresh"
              chown --reference="dirs/${upper##*/}" "dirs/$fresh"
              chmod --reference="dirs/${upper##*/}" "dirs/$fresh"
            }
            frozen=0
            for ((k = 0; k < ${#pairs[@]}; k += 2)); do
              from=${pairs[k]} to=${pairs[k + 1]}
              [ -L "branches/$from/cur" ] && [ -L "branches/$to/cur" ] || { echo "not in the store: $from"; exit 3; }
              stack_of "$from"
              frozen=$((frozen + ${#lowers[@]}))
              if [ "$mode" = freeze ] && written && [ ${#lowers[@]} -ge "$slots" ]; then
                echo "no slot left: $from"; exit 4
              fi
            done
            if [ "$mode" = share ] && [ "$frozen" = 0 ]; then echo "nothing frozen: ${pairs[*]}"; exit 5; fi
            for ((k = 0; k < ${#pairs[@]}; k += 2)); do
              from=${pairs[k]} to=${pairs[k + 1]}
              stack_of "$from"
              if [ "$mode" = freeze ] && written; then
                lowers=("$upper" "${lowers[@]}")
                fresh_like_upper
                mount_next "$from" "$fresh" "${lowers[@]}"
              fi
              fresh_like_upper
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
     * The store of this run's host and version, made with its holding container when it does not exist yet; empty
     * when the engine cannot mount overlays or an earlier run found it could not.
     */
    static Optional<LayerStore> open(ContainerSession session) {
        DockerEngine engine = session.engine();
        if (!engine.mountsOverlayVolumes()) {
            return Optional.empty();
        }
        String name = nameOf(session.host(), session.names().version());
        Map<String, String> labels = labels(session.host(), session.names().version());
        if (unusable(engine, name)) {
            return Optional.empty();
        }
        if (!engine.listVolumes(labels).contains(name)) {
            engine.removeContainer(name);
            labels.put(GENERATION_LABEL, java.util.UUID.randomUUID().toString());
            engine.createVolume(name, labels);
        }
        if (!engine.volumeLabels(name).containsKey(GENERATION_LABEL)) {
            if (!removeStore(engine, name, true)) {
                session.log().debug("The volume " + name + " is no store of layers made by a run: the build volumes are plain volumes");
                return Optional.empty();
            }
            labels.put(GENERATION_LABEL, java.util.UUID.randomUUID().toString());
            engine.createVolume(name, labels);
        }
        if (engine.inspectContainer(name).isEmpty()) {
            try {
                engine.createContainer(holder(name, session.helperImage(), labels));
            } catch (RuntimeException e) {
                if (engine.inspectContainer(name).isEmpty()) {
                    throw e;
                }
            }
        }
        return engine.volumeFolder(name).filter(folder -> fitsMountOptions(folder, session.names().dataVolume("go-pkg-linux_ppc64le_cgo")))
                .map(folder -> new LayerStore(session, name, folder));
    }

    /** The created container, never run, that holds {@code store} against pruning unused volumes. */
    private static ContainerSpec holder(String store, String image, Map<String, String> labels) {
        return ContainerSpec.builder(store, image).labels(labels).volume(store, MOUNT).command(List.of("true")).build();
    }

    /** The start of the command that runs {@link #PREPARE}: slots and grace. */
    private static List<String> prepareCommand() {
        return new ArrayList<>(List.of("bash", "-c", PREPARE, "prepare", String.valueOf(SLOTS), String.valueOf(GRACE_MINUTES)));
    }

    /** The store's volume of the host's checkouts built with build-image {@code version}. */
    static String nameOf(HostIdentity host, String version) {
        return "kube-mvn-layers-" + TreeHash.ofHost(host.hostname()) + "-" + version;
    }

    /** The store's volume. */
    String name() {
        return name;
    }

    private static Map<String, String> labels(HostIdentity host, String version) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BuildNames.ROLE_LABEL, ROLE);
        labels.put(BuildNames.VERSION_LABEL, version);
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
        List<String> command = prepareCommand();
        for (String volume : engine.listVolumes(Map.of(BuildNames.LAYERS_LABEL, name))) {
            if (!volumes.containsKey(volume)) {
                command.add(volume);
            }
        }
        command.add("--");
        command.add("--");
        command.addAll(volumes.keySet());
        boolean[] overlay = {false};
        Set<String> known = new java.util.TreeSet<>();
        OneShotContainer.run(engine, session.reaper(), helper("prepare", command),
                "Could not prepare the build volumes' layers in " + name, Hints.DATA_CONTAINER, line -> {
                    if (line.equals("overlay")) {
                        overlay[0] = true;
                    } else if (line.startsWith(KNOWS)) {
                        known.add(line.substring(KNOWS.length()));
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
            engine.createVolume(volume, withStore, mountOptions(folder, volume, known));
        });
        if (!intact()) {
            session.log().debug("The store " + name + " went while the build volumes were made in it: they are plain volumes");
            volumes.keySet().forEach(engine::removeVolume);
            return false;
        }
        return true;
    }

    /**
     * Whether the store is still the one this run opened: a clean-up of another checkout may have removed it when no
     * volume used it yet, and a helper mounting its name then made an empty one without its labels.
     */
    boolean intact() {
        return generation.equals(engine.volumeLabels(name).get(GENERATION_LABEL));
    }

    /**
     * Keeps later runs of the checkout from making overlays in this store, with a volume beside it that says so. The
     * volumes that mount its folders no longer count as mountable (see {@link #mountable}) and are made anew, plain.
     */
    void markUnusable() {
        Map<String, String> labels = labels(session.host(), session.names().version());
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

    /**
     * Kernel features that would leave a writable folder holding less than the files it changed (a renamed folder's
     * new name only, a file's new owner without its content): a volume of another checkout copies that folder, so each
     * change is a whole copy in it. Without them, renaming a folder a frozen layer holds fails with {@code EXDEV}.
     */
    private static final List<String> FEATURES_OFF = List.of("redirect_dir", "metacopy");
    private static final String KNOWS = "overlay knows ";

    /** {@link #mountOptions(String, String, Set)} on a kernel that knows every feature turned off. */
    static Map<String, String> mountOptions(String storeFolder, String volume) {
        return mountOptions(storeFolder, volume, Set.copyOf(FEATURES_OFF));
    }

    /**
     * What the engine mounts {@code volume} with: the writable folder of its current stack over its slots, each of
     * {@link #FEATURES_OFF} the kernel knows ({@code known}; an older one refuses the option) turned off.
     */
    static Map<String, String> mountOptions(String storeFolder, String volume, Set<String> known) {
        String stack = storeFolder + "/branches/" + volume + "/cur";
        List<String> slots = new ArrayList<>();
        for (int slot = 1; slot <= SLOTS; slot++) {
            slots.add(stack + "/l" + slot);
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("type", "overlay");
        options.put("device", "overlay");
        options.put("o", "lowerdir=" + String.join(":", slots) + ",upperdir=" + stack + "/u,workdir=" + storeFolder + "/branches/"
                + volume + "/work" + FEATURES_OFF.stream().filter(known::contains).map(feature -> "," + feature + "=off").collect(
                java.util.stream.Collectors.joining()));
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
        return branch("freeze", seedToNew, "no slot left", "The seed's layers fill every slot: copying instead");
    }

    /**
     * Stacks under each new volume ({@code seedToNew}'s values) the frozen folders of its seed volume, a volume of
     * another checkout whose lock the run holds, leaving the seed as it is: the new volume then shows the seed's
     * files as they were at its last freeze, and what the seed wrote since is for the caller to copy.
     *
     * @return false, having changed nothing, when a running container mounts a seed volume or no seed has a frozen
     *         folder
     */
    boolean stackFrozenOf(Map<String, String> seedToNew) {
        return branch("share", seedToNew, "nothing frozen", "The seed has no frozen layers: copying instead");
    }

    private boolean branch(String mode, Map<String, String> seedToNew, String refusal, String fallback) {
        if (engine.anyVolumeInUse(seedToNew.keySet())) {
            session.log().debug("Not stacking the layers of " + String.join(", ", seedToNew.keySet()) + ": a running container mounts one of them");
            return false;
        }
        List<String> command = new ArrayList<>(List.of("bash", "-c", BRANCH, "branch", String.valueOf(SLOTS), mode));
        seedToNew.forEach((seed, fresh) -> {
            command.add(seed);
            command.add(fresh);
        });
        try {
            OneShotContainer.run(engine, session.reaper(), session.log(), helper("branch", command),
                    "Could not stack the layers of " + String.join(", ", seedToNew.keySet()), Hints.DATA_CONTAINER);
            return true;
        } catch (KubeBuildException e) {
            if (e.getMessage().contains(refusal) || e.getMessage().contains("not in the store")) {
                session.log().debug(fallback);
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
     * Removes the host's stores, of every version, that no build volume uses any longer, with their holding
     * containers: what {@code kube:clean} and a version change leave when they removed the last volumes that used
     * one; from each store still in use, removes the folders of the volumes of {@code removedTrees} (tree hashes, whose
     * volumes were removed under their checkout's lock) that are gone. The volume that marks a store as one the
     * engine cannot mount stays unless {@code evenMarks}, so that runs do not try overlays again. A store that a
     * container still mounts stays for a later run.
     */
    static List<String> removeUnused(DockerEngine engine, HostIdentity host, List<String> removedTrees, boolean evenMarks, BuildLog log) {
        List<String> removed = new ArrayList<>();
        for (String volume : engine.listVolumes(Map.of(BuildNames.ROLE_LABEL, ROLE, BuildNames.HOST_LABEL, host.hostname()))) {
            boolean mark = volume.endsWith(markOf("")) && unusable(engine, volume.substring(0, volume.length() - markOf("").length()));
            List<String> users = mark ? List.of() : engine.listVolumes(Map.of(BuildNames.LAYERS_LABEL, volume));
            if (!users.isEmpty()) {
                removeFoldersOf(engine, volume, users, removedTrees, log);
                continue;
            }
            if (mark && !evenMarks) {
                continue;
            }
            if (mark ? removeMark(engine, volume) : removeStore(engine, volume, false)) {
                removed.add(volume);
            }
        }
        return removed;
    }

    private static boolean removeMark(DockerEngine engine, String mark) {
        try {
            engine.removeVolume(mark);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Removes {@code store} with its holding container; false when a container still mounts it (a run's helper, a
     * tidying helper a killed clean-up left) or, unless {@code evenIfVolumesNameIt} (volumes of a store without its
     * labels, which no longer mount), a run made volumes in it meanwhile. The holding container is made again then.
     */
    private static boolean removeStore(DockerEngine engine, String store, boolean evenIfVolumesNameIt) {
        Optional<ContainerState> holder = engine.inspectContainer(store);
        try {
            engine.removeContainer(store);
            if (!evenIfVolumesNameIt && !engine.listVolumes(Map.of(BuildNames.LAYERS_LABEL, store)).isEmpty()) {
                throw new IllegalStateException("a run made volumes in " + store);
            }
            engine.removeVolume(store);
            return true;
        } catch (RuntimeException e) {
            holder.filter(state -> engine.inspectContainer(store).isEmpty()).ifPresent(state -> {
                try {
                    engine.createContainer(holder(store, state.image(), state.labels()));
                } catch (RuntimeException again) {
                    // the next run of any checkout makes it
                }
            });
            return false;
        }
    }

    /** Removes from {@code store} the folders of the volumes of {@code trees} that are not among its {@code users}. */
    private static void removeFoldersOf(DockerEngine engine, String store, List<String> users, List<String> trees, BuildLog log) {
        Optional<String> image = engine.inspectContainer(store).map(ContainerState::image);
        if (trees.isEmpty() || image.isEmpty()) {
            return;
        }
        List<String> command = prepareCommand();
        command.addAll(users);
        command.add("--");
        trees.forEach(tree -> command.add(BuildNames.of(tree, "", "").dataContainerBase() + "-"));
        command.add("--");
        String helper = store + "-tidy-" + trees.get(0);
        engine.removeContainer(helper);
        try (ContainerReaper reaper = new ContainerReaper(engine)) {
            OneShotContainer.run(engine, reaper, ContainerSpec.builder(helper, image.get())
                    .labels(Map.of(BuildNames.ROLE_LABEL, ROLE + "-tidy", BuildNames.LAYERS_LABEL, store))
                    .volume(store, MOUNT).command(command).build(), "Could not remove the folders of removed volumes from " + store,
                    Hints.DATA_CONTAINER, line -> {
                        if (!line.equals("overlay")) {
                            log.output(line);
                        }
                    });
        } catch (RuntimeException e) {
            log.warn(e.getMessage() + "; the next build of any checkout removes them.");
        }
    }
}
