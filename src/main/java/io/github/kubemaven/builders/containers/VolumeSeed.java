package io.github.kubemaven.builders.containers;

import io.github.kubemaven.config.CacheSettings;
import io.github.kubemaven.engine.ContainerSpec;
import io.github.kubemaven.engine.ContainerState;
import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.lock.TreeLock;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.transport.SentRecord;
import io.github.kubemaven.tree.CodeGenerators;
import io.github.kubemaven.tree.RemadeEveryRun;
import io.github.kubemaven.tree.TreeSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a new build volume from the most recent one of this tree (another branch) or, failing that, of another
 * checkout on this machine built with the same build image, so that make's state, the generated files and the
 * compiled packages carry over and a new branch or a second clone redoes only what differs. Sync-in then decides by
 * content, so every file that differs from the seed arrives newer than anything made from the seed's copy.
 * <p>
 * A seed is only taken from a volume whose last run ended by itself and that nobody writes while it is copied:
 * this tree's lock is held already; another tree's is taken for the copy, and a tree whose lock is held is passed by.
 */
final class VolumeSeed {

    /** The arguments every script below starts with; each then names the purposes of the volumes it works on. */
    private static final String ARGUMENTS = """
            set -o pipefail
            generators="$1" root="$2" remade="$3" dependencies="$4"
            shift 4
            """;

    /**
     * Prints the hash of every file under the new volume's {@code _output/} below its top as a {@code carried <sha256>}
     * line, so that copy-out never takes them for this tree's work; then, in {@code tidy}, removes what the seed's builds
     * may have planted that reaches outside the tree or is no file: links with an absolute target outside the build
     * root ({@code $2}) or one that climbs out of the volume, pipes, sockets and devices (sync-in puts back the tree's
     * own links); and of the files make writes on every run that the tree lacks ({@code $3}), drops those make's Go
     * dependency list ({@code $4}) does not name: the seed's last make run listed its dependencies before it wrote
     * them, and the new volume's first run then finds the list as it left it instead of reading all its makefiles twice.
     */
    private static final String TIDY = """
            generated_files() {
              ( cd /volume/src && find . \\( -path ./.git -o -path ./.make -o -path ./.cache -o -path ./_tmp -o -path ./_output \\) -prune \\
                  -o ! -type d \\( -name 'zz_generated.*' -o -name generated.proto \\) ! -name "*"$'\\n'"*" -printf 'generated %P\\n' )
            }
            carried() {
              find /volume/src/_output -mindepth 2 -type f -print0 | xargs -0 -r -n 1 -P 4 sha256sum | sed 's/^/carried /'
            }
            tidy() {
              purpose=$1
              if [ "$purpose" = src ] && [ ! -e "$root" ] && [ ! -L "$root" ]; then
                mkdir -p "$(dirname "$root")" && ln -s /volume/src "$root" || exit 1
              fi
              find "/volume/$purpose" \\( -type p -o -type s -o -type b -o -type c \\) -delete -o -type l -print0 | while IFS= read -r -d '' link; do
                target=$(readlink "$link")
                case "$purpose:$target" in
                  "src:$root"/*) resolved=$(realpath -m "/volume/src/${target#"$root"/}") ;;
                  *:/*) rm -f "$link"; continue ;;
                  *) resolved=$(realpath -m "$(dirname "$link")/$target") ;;
                esac
                case "$resolved/" in "/volume/$purpose/"*) ;; *) rm -f "$link" ;; esac
              done || exit 1
              if [ "$purpose" = src ] && [ -f "/volume/src/$dependencies" ] && [ ! -L "/volume/src/$dependencies" ]; then
                for path in $remade; do
                  if [ -f "/volume/src/$path" ] && [ "$(realpath -e "/volume/src/$path")" = "/volume/src/$path" ] \\
                      && ! grep -qF -- "/$path" "/volume/src/$dependencies"; then
                    rm -f "/volume/src/$path"
                  fi
                done
              fi
            }
            """;

    /**
     * Copies each volume but the seed's {@code _output/} (its binaries above all: what this tree's copy-out brings
     * back and packages must be what this tree's builds made, never another checkout's) and {@code _tmp/}; of
     * {@code _output/} only make's own state goes along: its top files, the {@code _output/bin} link, and the code
     * generators and helpers the tree's make builds as tools (named in {@code $1}; go2make among them, which make
     * otherwise installs again on every first run), whose times tell make that the generated files are current, and
     * never a binary the build delivers. Then {@link #TIDY}.
     */
    private static final String COPY = ARGUMENTS + TIDY + """
            for purpose in "$@"; do
              tar -C "/seed/$purpose" --format=posix --exclude=./_output --exclude=./_tmp -cf - . | tar -C "/volume/$purpose" -xpf - || exit 1
              if [ "$purpose" = src ] && [ -d /seed/src/_output ] && [ ! -L /seed/src/_output ]; then
                ( cd /seed/src && {
                    find ./_output -mindepth 1 -maxdepth 1 \\( -type f -o -type l \\) -print0
                    for name in $generators; do
                      find ./_output -mindepth 2 -path './_output/*/*' -type f -name "$name" -print0
                    done
                  } | tar --format=posix --null --no-recursion -T - -cf - ) | tar -C /volume/src -xpf - || exit 1
                carried
              fi
              tidy "$purpose"
            done
            if [ -d /volume/src ]; then generated_files || exit 1; fi
            """;

    /**
     * {@code prune}: what {@link #COPY} leaves out, removed from a new volume that already shows the seed's files
     * (stacked on its layers): {@code _tmp/}, and of {@code _output/} all but its top files and links and the code
     * generators named in {@code $1}. Then {@link #TIDY}.
     */
    private static final String PRUNING = TIDY + """
            prune() {
              purpose=$1
              rm -rf "/volume/$purpose/_tmp" || exit 1
              if [ "$purpose" = src ] && [ -d /volume/src/_output ] && [ ! -L /volume/src/_output ]; then
                kept=(-false)
                for name in $generators; do kept+=(-o -name "$name"); done
                find /volume/src/_output -mindepth 2 ! -type d ! \\( -type f \\( "${kept[@]}" \\) \\) -delete || exit 1
                find /volume/src/_output -mindepth 1 -maxdepth 1 ! -type d ! -type f ! -type l -delete || exit 1
                find /volume/src/_output -mindepth 1 -depth -type d -empty -delete || exit 1
                rmdir /volume/src/_output 2>/dev/null || carried
              else
                rm -rf "/volume/$purpose/_output" || exit 1
              fi
              tidy "$purpose"
            }
            """;

    /** Prunes each new volume, stacked on the layers of a volume of this checkout. */
    private static final String PRUNE = ARGUMENTS + PRUNING + """
            for purpose in "$@"; do prune "$purpose"; done
            if [ -d /volume/src ]; then generated_files || exit 1; fi
            """;

    /**
     * For each {@code purpose=seed volume}: the new volume shows the seed's files as they were at the seed's last
     * freeze; what the seed wrote since, all in its writable folder in the store, is brought over from the seed's view:
     * in each folder the seed wrote in, what the new volume shows and the seed no longer does (or shows as another
     * kind of file) goes, then the seed's files and folders there are copied. Then {@code prune}.
     */
    private static final String SHARE = ARGUMENTS + PRUNING + """
            export LC_ALL=C
            listing() {
              find "$@" -mindepth 1 -maxdepth 1 -printf '%p\\t%y\\0'
            }
            export -f listing
            for pair in "$@"; do
              purpose=${pair%%=*} seed=${pair#*=}
              upper=$(realpath -e "/store/branches/$seed/cur/u") || exit 1
              case "$upper" in /store/dirs/*) ;; *) echo "not a folder of the store: $upper"; exit 1 ;; esac
              folders=$(mktemp) seen=$(mktemp) shown=$(mktemp)
              ( cd "$upper" && find . -type d -print0 ) > "$folders" || exit 1
              ( cd "/seed/$purpose" && xargs -0 -r bash -c 'listing "$@"' listing < "$folders" ) | sort -z > "$seen" || exit 1
              ( cd "/volume/$purpose" && xargs -0 -r bash -c 'for d; do [ -d "$d" ] && [ ! -L "$d" ] && printf "%s\\0" "$d"; done; true' folders \\
                  < "$folders" | xargs -0 -r bash -c 'listing "$@"' listing ) | sort -z > "$shown" || exit 1
              comm -z -13 "$seen" "$shown" | while IFS= read -r -d '' gone; do
                rm -rf -- "/volume/$purpose/${gone%$'\\t'*}" || exit 1
              done || exit 1
              kept=(-false)
              for name in $generators; do kept+=(-o -name "$name"); done
              if [ "$purpose" = src ]; then
                skipped=(-path ./_tmp -o -path './_tmp/*' -o \\( -path './_output/*/*' ! -type d ! \\( "${kept[@]}" \\) \\))
              else
                skipped=(-path ./_tmp -o -path './_tmp/*' -o -path ./_output -o -path './_output/*')
              fi
              ( cd "$upper" && find . -mindepth 1 ! -type c ! \\( "${skipped[@]}" \\) -print0 ) |
                tar -C "/seed/$purpose" --format=posix --null --no-recursion -T - -cf - | tar -C "/volume/$purpose" -xpf - || exit 1
              rm -f "$folders" "$seen" "$shown"
              prune "$purpose"
            done
            if [ -d /volume/src ]; then generated_files || exit 1; fi
            """;

    private final ContainerSession session;
    private final DockerEngine engine;
    private final BuildNames names;
    private final BuildLog log;
    private final CacheSettings.Seed seed;
    private final Optional<LayerStore> layers;

    /** @param layers the store of the new volumes, when they are overlays in it */
    VolumeSeed(ContainerSession session, CacheSettings.Seed seed, Optional<LayerStore> layers) {
        this.session = session;
        this.seed = seed;
        this.layers = layers;
        this.engine = session.engine();
        this.names = session.names();
        this.log = session.log();
    }

    /** The data container labels that let later runs find this volume as a seed. */
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>(names.labels("data"));
        labels.put(BuildNames.ROOT_LABEL, session.root().toString());
        labels.put(BuildNames.HOST_LABEL, session.host().hostname());
        return labels;
    }

    /**
     * What a new volume was filled from.
     *
     * @param source     the seed, as the log names it
     * @param sentRecord the seed's record of its last sync-in, when the seed is this tree's and its sources were still
     *                   what it sent, so that the next sync-in may send only what differs from it; null otherwise: a
     *                   volume of another tree, whose builds may have rewritten any file, is compared by content
     * @param anotherTreesWork whether the seed holds what another tree's builds generated (it is another tree's, or
     *                   was itself filled from one), which is not for a release
     * @param tidied     what the new volumes hold once seeded
     */
    record Seeded(String source, Path sentRecord, boolean anotherTreesWork, Tidied tidied) {
    }

    /**
     * What the new volumes hold after seeding, as the helper that filled them listed it.
     *
     * @param carried   the SHA-256 of each code generator that came along with make's state
     * @param generated the generated files the new source volume holds outside make's state and output, as
     *                  {@link io.github.kubemaven.tree.TreeKeys} keys (the listing sync-in would otherwise ask for)
     */
    record Tidied(Set<String> carried, List<String> generated) {
    }

    /**
     * Copies the best seed into the fresh {@code volumes} (name to purpose): the volume whose last sync-in sent what
     * is nearest in content to {@code sources} (the tree now, null when not known), this tree's before another's, the
     * newest first.
     *
     * @return what the volumes were filled from; empty when there was no seed and they stay empty
     * @throws KubeBuildException when a copy failed, leaving the volumes partly filled
     */
    Optional<Seeded> fill(Map<String, String> volumes, TreeSnapshot sources) {
        List<Candidate> candidates = candidates();
        Map<Candidate, Integer> differing = sources == null ? Map.of() : differingInputs(candidates, sources);
        for (Candidate candidate : nearestFirst(candidates, differing)) {
            boolean ownTree = candidate.root().equals(session.root());
            Optional<TreeLock> lock = ownTree ? Optional.empty() : TreeLock.tryAcquire(candidate.root(), "seeding a build volume of " + session.root());
            if (!ownTree && lock.isEmpty()) {
                log.debug("Not seeding from " + candidate.root() + ": another run holds its lock");
                continue;
            }
            try {
                if (!candidate.settled()) {
                    continue;
                }
                String source = (ownTree ? "this tree's build volume " : "the build volume of " + candidate.root() + ", ")
                        + candidate.container();
                long start = System.nanoTime();
                VolumeState seedState = VolumeState.of(candidate.root(), candidate.key());
                boolean mirrorsSent = seedState.mirrorsSent();
                Map<String, String> seedVolumes = seedVolumes(candidate.container(), volumes);
                if (!seedVolumes.containsValue(SOURCE)
                        || !LayerStore.mountable(engine, candidate.container() + "-" + SOURCE)) {
                    continue;
                }
                boolean layered = layers.isPresent() && layers.get().holdsAll(seedVolumes.keySet());
                Map<String, String> pairs = pairs(seedVolumes, volumes);
                boolean stacked = layered && (ownTree ? layers.get().stackUnder(pairs) : layers.get().stackFrozenOf(pairs));
                Tidied tidied;
                try {
                    tidied = !stacked ? copy(candidate.container(), seedVolumes, volumes, sources)
                            : ownTree ? prune(volumes, sources) : share(seedVolumes, volumes, sources);
                } catch (KubeBuildException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (stacked || !LayerStore.isMountFailure(e, seedVolumes.keySet())) {
                        throw e;
                    }
                    log.debug("Not seeding from " + candidate.container() + ": the engine could not mount its volumes");
                    continue;
                }
                String near = differing.containsKey(candidate) ? differing.get(candidate) + " inputs differing in size or presence from this tree's, " : "";
                log.info("Seeded the new build volume from " + source + (stacked ? " by stacking its layers" : "") + " (" + near
                        + (System.nanoTime() - start) / 100_000_000 / 10.0 + " s)");
                Path sentRecord = mirrorsSent && ownTree ? SentRecord.fileOf(candidate.root(), candidate.key()) : null;
                return Optional.of(new Seeded(source, sentRecord, !ownTree || seedState.holdsAnotherTreesWork(), tidied));
            } finally {
                lock.ifPresent(TreeLock::close);
            }
        }
        return Optional.empty();
    }

    /** How many of the first candidates are compared with the tree; each takes reading the record of a sync-in. */
    private static final int COMPARED = 6;

    /**
     * For each of the first {@link #COMPARED} candidates with a record of its last sync-in, how many inputs differ
     * between what it sent and {@code sources}; none where there is no choice to make.
     */
    private static Map<Candidate, Integer> differingInputs(List<Candidate> candidates, TreeSnapshot sources) {
        Map<Candidate, Integer> differing = new HashMap<>();
        if (candidates.size() < 2) {
            return differing;
        }
        for (Candidate candidate : candidates.subList(0, Math.min(COMPARED, candidates.size()))) {
            new SentRecord(SentRecord.fileOf(candidate.root(), candidate.key())).read()
                    .ifPresent(sent -> differing.put(candidate, differingInputs(sent.inputs(), sources.inputs())));
        }
        return differing;
    }

    /**
     * The inputs that one side lacks, files that differ in size and links that differ in target: what makes a seed's
     * content far from the tree. Times and permissions are left out, as another checkout has its own.
     */
    static int differingInputs(Map<String, TreeSnapshot.Entry> sent, Map<String, TreeSnapshot.Entry> now) {
        int differing = 0;
        for (Map.Entry<String, TreeSnapshot.Entry> input : now.entrySet()) {
            TreeSnapshot.Entry held = sent.get(input.getKey());
            if (held == null || !contentShape(held).equals(contentShape(input.getValue()))) {
                differing++;
            }
        }
        for (String path : sent.keySet()) {
            if (!now.containsKey(path)) {
                differing++;
            }
        }
        return differing;
    }

    /** A file by its size, a folder as one, a link by its target. */
    private static String contentShape(TreeSnapshot.Entry entry) {
        if (entry.isFolder()) {
            return "dir";
        }
        String known = entry.sizeAndTime();
        return entry.isFile() ? "file:" + known.substring(0, Math.max(0, known.indexOf(':'))) : known;
    }

    /** {@code candidates} in their order, those known to differ least from the tree first. */
    static <C> List<C> nearestFirst(List<C> candidates, Map<C, Integer> differing) {
        List<C> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparingInt(candidate -> differing.getOrDefault(candidate, Integer.MAX_VALUE)));
        return ordered;
    }

    /** Data containers of this machine's trees at this version that ended cleanly, this tree's first, newest first. */
    private List<Candidate> candidates() {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put(BuildNames.ROLE_LABEL, "data");
        filter.put(BuildNames.VERSION_LABEL, names.version());
        filter.put(BuildNames.HOST_LABEL, session.host().hostname());
        List<Candidate> candidates = new ArrayList<>();
        if (seed == CacheSettings.Seed.NONE) {
            return candidates;
        }
        for (ContainerState state : engine.listContainers(filter)) {
            String root = state.labels().get(BuildNames.ROOT_LABEL);
            if (state.running() || state.exitCode() != 0 || root == null || state.name().equals(names.dataContainer())) {
                continue;
            }
            Path treeRoot = Path.of(root);
            if (seed == CacheSettings.Seed.CHECKOUTS || treeRoot.equals(session.root())) {
                String key = BuildVolume.recordKey(state.name(), state.id());
                Candidate.lastSyncedOf(treeRoot, key).ifPresent(time -> candidates.add(new Candidate(state.name(), key, treeRoot, time)));
            }
        }
        candidates.sort(Comparator.comparing((Candidate candidate) -> !candidate.root().equals(session.root()))
                .thenComparing(Candidate::lastSynced, Comparator.reverseOrder()));
        return candidates;
    }

    private static final String SOURCE = "src";

    /** The seed's volumes that exist, by name, each with the purpose of the new volume it fills. */
    private Map<String, String> seedVolumes(String seedContainer, Map<String, String> volumes) {
        List<String> existing = engine.listVolumes(Map.of(BuildNames.ROLE_LABEL, "volume", BuildNames.VERSION_LABEL, names.version()));
        Map<String, String> seedVolumes = new LinkedHashMap<>();
        volumes.values().forEach(purpose -> {
            if (existing.contains(seedContainer + "-" + purpose)) {
                seedVolumes.put(seedContainer + "-" + purpose, purpose);
            }
        });
        return seedVolumes;
    }

    /** Each seed volume with the new volume of its purpose. */
    private static Map<String, String> pairs(Map<String, String> seedVolumes, Map<String, String> volumes) {
        Map<String, String> pairs = new LinkedHashMap<>();
        seedVolumes.forEach((seedVolume, purpose) -> volumes.forEach((volume, itsPurpose) -> {
            if (itsPurpose.equals(purpose)) {
                pairs.put(seedVolume, volume);
            }
        }));
        return pairs;
    }

    /** The script's arguments before the purposes: generators, build root, remade files the tree lacks, dependency list. */
    private List<String> scriptArguments(String script, TreeSnapshot sources) {
        List<String> lacked = sources == null ? List.of()
                : RemadeEveryRun.bindataFiles(session.root()).stream().filter(path -> !sources.inputs().containsKey(path)).toList();
        return new ArrayList<>(List.of("bash", "-c", script, "seed",
                String.join(" ", CodeGenerators.namesIn(session.root())), MakeEnvironment.REMOTE_ROOT, String.join(" ", lacked),
                RemadeEveryRun.DEPENDENCY_LIST));
    }

    /** Copies the seed's volumes into the new ones. */
    private Tidied copy(String seedContainer, Map<String, String> seedVolumes, Map<String, String> volumes, TreeSnapshot sources) {
        ContainerSpec.Builder spec = seedHelper();
        List<String> command = scriptArguments(COPY, sources);
        seedVolumes.forEach((seedVolume, purpose) -> spec.readOnlyVolume(seedVolume, "/seed/" + purpose));
        pairs(seedVolumes, volumes).forEach((seedVolume, volume) -> {
            String purpose = seedVolumes.get(seedVolume);
            spec.volume(volume, "/volume/" + purpose);
            command.add(purpose);
        });
        return run(spec.command(command).build(), "Could not seed the new build volume from " + seedContainer);
    }

    /**
     * Removes from the new volumes, which show their seed's files, what a copy leaves out.
     */
    private Tidied prune(Map<String, String> volumes, TreeSnapshot sources) {
        ContainerSpec.Builder spec = seedHelper();
        List<String> command = scriptArguments(PRUNE, sources);
        volumes.forEach((volume, purpose) -> {
            spec.volume(volume, "/volume/" + purpose);
            command.add(purpose);
        });
        return run(spec.command(command).build(), "Could not prepare the new build volume on its seed's layers");
    }

    /**
     * Brings into the new volumes, stacked on the frozen layers of another checkout's seed volumes, what the seeds wrote
     * since their last freeze, then removes what a copy leaves out.
     */
    private Tidied share(Map<String, String> seedVolumes, Map<String, String> volumes, TreeSnapshot sources) {
        ContainerSpec.Builder spec = seedHelper().readOnlyVolume(layers.orElseThrow().name(), "/store");
        List<String> command = scriptArguments(SHARE, sources);
        seedVolumes.forEach((seedVolume, purpose) -> spec.readOnlyVolume(seedVolume, "/seed/" + purpose));
        pairs(seedVolumes, volumes).forEach((seedVolume, volume) -> {
            String purpose = seedVolumes.get(seedVolume);
            spec.volume(volume, "/volume/" + purpose);
            command.add(purpose + "=" + seedVolume);
        });
        return run(spec.command(command).build(), "Could not bring the seed's latest files onto its layers in the new build volume");
    }

    /** The container that runs a script over the new volumes. */
    private ContainerSpec.Builder seedHelper() {
        return ContainerSpec.builder(names.dataContainer() + "-seed", session.helperImage()).labels(names.labels("seed"));
    }

    private Tidied run(ContainerSpec spec, String failure) {
        Set<String> carried = new TreeSet<>();
        List<String> generated = new ArrayList<>();
        OneShotContainer.run(engine, session.reaper(), spec, failure, Hints.DATA_CONTAINER, line -> {
            Matcher hash = CARRIED.matcher(line);
            if (hash.lookingAt()) {
                carried.add(hash.group(1));
            } else if (line.startsWith(GENERATED)) {
                generated.add(line.substring(GENERATED.length()));
            } else {
                log.output(line);
            }
        });
        return new Tidied(carried, List.copyOf(generated));
    }

    private static final Pattern CARRIED = Pattern.compile("carried ([0-9a-f]{64}) ");
    private static final String GENERATED = "generated ";

    /**
     * A data container of some tree, and when its tree last synced into its volume.
     *
     * @param key what the tree's records of the volume are named by ({@link BuildVolume#recordKey})
     */
    private record Candidate(String container, String key, Path root, FileTime lastSynced) {

        /** When the last sync-in into the volume was; empty when the tree has no record of one. */
        static Optional<FileTime> lastSyncedOf(Path root, String key) {
            try {
                return Optional.of(Files.getLastModifiedTime(SentRecord.fileOf(root, key)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** Whether the last run that wrote its volume ended by itself; asked under that tree's lock. */
        boolean settled() {
            return !VolumeState.of(root, key).wasInterrupted() && lastSyncedOf(root, key).isPresent();
        }
    }
}
