package io.github.kubemaven.config;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw parameters into checked settings: each parameter, else upstream's environment variable, else the
 * default; a bad value fails here, in one line naming it, before anything runs.
 */
public final class SettingsResolver {

    /** The last second of the year 9999: later epochs are typing errors, and tar cannot store them. */
    static final long LATEST_EPOCH = 253402300799L;
    /** Variables the test goal passes on to make when set. */
    private static final Map<String, Boolean> YES_OR_NO = Map.of("y", true, "yes", true, "true", true, "n", false, "no", false,
            "false", false);
    /**
     * What today's {@code run_build_command_ex} hands from the caller's environment to make beside the variables the
     * plugin has parameters for: the Go toolchain's choice and the per-binary cgo and static-linking exceptions.
     */
    static final List<String> PASSED_THROUGH = List.of("GOTOOLCHAIN", "GO_VERSION", "FORCE_HOST_GO", "KUBE_CGO_OVERRIDES",
            "KUBE_STATIC_OVERRIDES", "KUBE_BUILD_WITH_COVERAGE");
    private static final List<UserProperty> TEST_VARIABLES = List.of(UserProperty.TEST_ARGS, UserProperty.RACE, UserProperty.TEST_TIMEOUT);

    private final RawParameters raw;

    public SettingsResolver(RawParameters raw) {
        this.raw = raw;
    }

    /**
     * @param workingDirectory the tree when {@code kube.root} is unset
     * @param offline          Maven's offline mode
     * @param fallbackProxies  Maven's active proxies, used where no proxy parameter or variable is set
     * @param testing          the goal runs tests: KUBE_TEST_ARGS, KUBE_RACE and KUBE_TIMEOUT reach make
     * @param registry         the login for images pulled from a private registry, or null
     * @param loginForHost     the login for a registry host (with its port), or null for none: for {@code kube.registry}
     */
    public BuildSettings resolve(Path workingDirectory, boolean offline, ProxySettings fallbackProxies, boolean testing,
                                 RegistryCredentials registry, Function<String, RegistryCredentials> loginForHost) {
        // Every value is read first, so that a value of the wrong kind is named before any value out of its range.
        long verbose = optionalInteger(UserProperty.VERBOSE).orElse(2L);
        Long sourceDateEpoch = sourceDateEpoch();
        Long rsyncPort = optionalInteger(UserProperty.RSYNC_PORT).orElse(null);
        long rsyncCompress = optionalInteger(UserProperty.RSYNC_COMPRESS).orElse(0L);
        SyncSettings.RsyncTransport transport = choice(UserProperty.RSYNC_TRANSPORT, SyncSettings.RsyncTransport.class,
                rsyncPort == null ? null : SyncSettings.RsyncTransport.PORT, Hints.RSYNC_TRANSPORT);
        SyncSettings.SyncMode syncMode = choice(UserProperty.SYNC, SyncSettings.SyncMode.class, null, Hints.SYNC_MODE);
        BuildSettings.Mode mode = choice(UserProperty.MODE, BuildSettings.Mode.class, BuildSettings.Mode.DOCKER, Hints.BUILD_MODE);
        long lockSeconds = optionalInteger(UserProperty.LOCK_TIMEOUT).orElse((long) BuildSettings.DEFAULT_LOCK_TIMEOUT_SECONDS);
        long goCacheBytes = size(UserProperty.GO_CACHE_SIZE, MIN_GO_CACHE_BYTES, Hints.GO_CACHE_SIZE)
                .orElse(CacheSettings.DEFAULT_GO_CACHE_BYTES);
        CacheSettings.Seed seed = choice(UserProperty.SEED, CacheSettings.Seed.class, CacheSettings.Seed.CHECKOUTS, Hints.SEED);
        Long buildCpus = cpus();
        Long buildMemory = size(UserProperty.MEMORY, MIN_MEMORY_BYTES, Hints.MEMORY).orElse(null);
        List<String> engines = engines();
        String registryRepository = raw.nonBlank(UserProperty.REGISTRY).map(String::strip).orElse(null);
        ImageRegistry imageRegistry = registryRepository == null ? null
                : new ImageRegistry(registryRepository, loginForHost.apply(ImageRegistry.hostOf(registryRepository)));

        if (lockSeconds < 0) {
            throw new KubeBuildException("kube.lockTimeout is " + lockSeconds + ", and a wait cannot be negative.", Hints.LOCK_TIMEOUT);
        }
        requireRange(verbose, 0, 10, "The verbosity ", Hints.VERBOSE);
        if (sourceDateEpoch != null && sourceDateEpoch > LATEST_EPOCH) {
            throw new KubeBuildException("SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is " + sourceDateEpoch + ", after the year 9999.",
                    Hints.SOURCE_DATE_EPOCH_RANGE);
        }
        if (rsyncPort != null && (rsyncPort < 1 || rsyncPort > 65535)) {
            throw new KubeBuildException("The rsync port " + rsyncPort + " is not a TCP port (1 to 65535).", Hints.RSYNC_PORT);
        }
        requireRange(rsyncCompress, 0, 9, "The rsync compression level ", Hints.RSYNC_COMPRESS);
        if (rsyncPort != null && transport == SyncSettings.RsyncTransport.API) {
            throw new KubeBuildException("The rsync port " + rsyncPort + " is set, but kube.rsyncTransport is api, which opens no port.",
                    Hints.RSYNC_TRANSPORT);
        }

        Path root = path(UserProperty.ROOT).orElse(workingDirectory).toAbsolutePath();
        EngineSettings engine = new EngineSettings(engineAddress(), offline, text(UserProperty.CROSS_IMAGE),
                text(UserProperty.CROSS_TAG), registry, buildCpus, buildMemory, engines, flag(UserProperty.ENGINE_RETRY, false),
                imageRegistry);
        if (engine.spread() && (mode == BuildSettings.Mode.LOCAL || syncMode == SyncSettings.SyncMode.BIND)) {
            throw new KubeBuildException("kube.engines names " + engines.size() + " engines, but kube."
                    + (mode == BuildSettings.Mode.LOCAL ? "mode=local builds on this machine alone." : "sync=bind mounts this tree, "
                    + "which only an engine on this machine can see."), Hints.ENGINES_NEED_RSYNC);
        }
        if (ClusterAddress.names(engine.dockerHost()) && (engine.spread() || mode == BuildSettings.Mode.LOCAL
                || syncMode == SyncSettings.SyncMode.BIND)) {
            throw new KubeBuildException("kube.engine is " + engine.dockerHost() + ", a cluster, but " + (engine.spread()
                    ? "kube.engines names " + engines.size() + " Docker engines as well." : mode == BuildSettings.Mode.LOCAL
                    ? "kube.mode=local builds on this machine alone." : "kube.sync=bind mounts this tree, which no pod can see."),
                    Hints.CLUSTER_NEEDS_RSYNC);
        }
        SyncSettings sync = new SyncSettings(syncMode, rsyncPort == null ? null : rsyncPort.intValue(), (int) rsyncCompress,
                flag(UserProperty.KEEP_GENERATED, true), transport);
        ProxySettings proxies = new ProxySettings(
                raw.value(UserProperty.HTTP_PROXY).filter(value -> !value.isEmpty()).orElse(fallbackProxies.http()),
                raw.value(UserProperty.HTTPS_PROXY).filter(value -> !value.isEmpty()).orElse(fallbackProxies.https()),
                raw.value(UserProperty.NO_PROXY).filter(value -> !value.isEmpty()).orElse(fallbackProxies.noProxy()));
        return new BuildSettings(root, mode, path(UserProperty.GO_ROOT).orElse(null), flag(UserProperty.FORCE, false),
                Duration.ofSeconds(lockSeconds), engine, make(testing, (int) verbose, sourceDateEpoch), sync, proxies,
                new CacheSettings(goCacheBytes, flag(UserProperty.CLEAN_CACHE, false), seed));
    }

    private static final Pattern CPU_COUNT = Pattern.compile("\\d{1,4}(\\.\\d{1,9})?");

    /** kube.cpus in billionths of a CPU, as Docker's NanoCPUs; null when unset. */
    private Long cpus() {
        Optional<String> value = raw.nonBlank(UserProperty.CPUS).map(String::strip);
        if (value.isEmpty()) {
            return null;
        }
        if (!CPU_COUNT.matcher(value.get()).matches()) {
            throw new KubeBuildException("kube.cpus is '" + value.get() + "', which is no number of CPUs.", Hints.CPUS);
        }
        long nanos = new BigDecimal(value.get()).movePointRight(9).longValueExact();
        if (nanos < MIN_NANO_CPUS) {
            throw new KubeBuildException("kube.cpus is " + value.get() + ", less than the 0.01 CPU Docker accepts.", Hints.CPUS);
        }
        return nanos;
    }

    private static final long MIN_NANO_CPUS = 10_000_000L;

    /**
     * The engine's address: kube.engine's cluster in its long form when one is named, else kube.dockerHost (null:
     * DOCKER_HOST and the docker context decide).
     */
    private String engineAddress() {
        Optional<String> cluster = raw.nonBlank(UserProperty.ENGINE).map(String::strip);
        Optional<String> dockerHost = Optional.ofNullable(text(UserProperty.DOCKER_HOST)).filter(value -> !value.isBlank());
        if (cluster.isEmpty()) {
            return dockerHost.orElse(null);
        }
        ClusterAddress address = ClusterAddress.parse(cluster.get());
        if (dockerHost.isPresent()) {
            throw new KubeBuildException("kube.engine names the cluster " + address + " and kube.dockerHost the engine "
                    + dockerHost.get() + "; builds run on one of them.", Hints.CLUSTER_ADDRESS);
        }
        return address.toString();
    }

    private static final Pattern ENGINE_ADDRESS = Pattern.compile("(unix|tcp|ssh|npipe)://\\S+");

    /** kube.engines: addresses apart by spaces or commas, each once. */
    private List<String> engines() {
        List<String> engines = new ArrayList<>();
        for (String address : raw.nonBlank(UserProperty.ENGINES).map(String::strip).map(text -> text.split("[\\s,]+")).orElse(new String[0])) {
            if (!ENGINE_ADDRESS.matcher(address).matches()) {
                throw new KubeBuildException("kube.engines names '" + address + "', which is no engine address.", Hints.ENGINES);
            }
            if (engines.contains(address)) {
                throw new KubeBuildException("kube.engines names " + address + " twice.", Hints.ENGINES);
            }
            engines.add(address);
        }
        return engines;
    }

    /** What {@code kube:package} is asked to make. */
    public ReleaseSettings release(Set<String> allParts, Set<String> leftOut) {
        Set<String> parts = raw.nonBlank(UserProperty.TARBALLS)
                .map(text -> (Set<String>) new LinkedHashSet<>(List.of(text.split("[\\s,]+"))))
                .orElse(allParts);
        return new ReleaseSettings(parts, flag(UserProperty.CROSS_BUILD, true), flag(UserProperty.RELEASE_IMAGES, false), leftOut);
    }

    /** The packages to build or test (WHAT), as given; null when unset. */
    public String what() {
        return raw.value(UserProperty.WHAT).orElse(null);
    }

    /** Whether {@code kube:clean} removes the current branch's state only, rather than that of every branch of the tree. */
    public boolean cleanBranch() {
        return flag(UserProperty.CLEAN_BRANCH, false);
    }

    /** Whether results are copied back after the command, with upstream's y/n spellings; anything else means yes. */
    public boolean copyOutput() {
        return raw.nonBlank(UserProperty.COPY_OUTPUT).map(value -> YES_OR_NO.getOrDefault(value.toLowerCase(Locale.ROOT), true))
                .orElse(true);
    }

    private MakeSettings make(boolean testing, int verbose, Long sourceDateEpoch) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String variable : PASSED_THROUGH) {
            raw.environmentVariable(variable).filter(value -> !value.isBlank()).ifPresent(value -> extra.put(variable, value));
        }
        for (UserProperty parameter : testing ? TEST_VARIABLES : List.<UserProperty>of()) {
            raw.unlessBlank(parameter).ifPresent(value -> extra.put(parameter.variable().orElseThrow(), value));
        }
        return new MakeSettings(
                raw.value(UserProperty.PLATFORMS).orElse("").strip().replaceAll("[\\s,]+", " "),
                raw.value(UserProperty.GOFLAGS).orElse(""),
                raw.value(UserProperty.GOGCFLAGS).orElse(""),
                raw.value(UserProperty.GOLDFLAGS).orElse(null),
                verbose,
                Boolean.parseBoolean(raw.value(UserProperty.FAST_BUILD).orElse("false")),
                sourceDateEpoch,
                path(UserProperty.GIT_VERSION_FILE).orElse(null),
                raw.environmentVariable("GOPROXY").orElse(null),
                extra);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    /** A size such as {@code 10G}, {@code 512M} or {@code 1048576} (bytes), in bytes (powers of 1024), at least {@code minimum}; empty when unset. */
    private Optional<Long> size(UserProperty parameter, long minimum, String hint) {
        Optional<String> text = raw.nonBlank(parameter).map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = SIZE.matcher(text.get());
        if (!matcher.matches()) {
            throw new KubeBuildException(parameter.property() + " is '" + text.get() + "', which is not a size.", hint);
        }
        int unit = " kmgt".indexOf(matcher.group(2).isEmpty() ? ' ' : Character.toLowerCase(matcher.group(2).charAt(0)));
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << (10 * unit));
        } catch (ArithmeticException e) {
            throw new KubeBuildException(parameter.property() + " is '" + text.get() + "', too large.", hint);
        }
        if (bytes < minimum) {
            throw new KubeBuildException(parameter.property() + " is '" + text.get() + "', less than " + (minimum >> 20) + "M.", hint);
        }
        return Optional.of(bytes);
    }

    private static final long MIN_GO_CACHE_BYTES = 1L << 20;
    /** Docker refuses a memory limit below 6 MiB; a build container needs far more than that, make alone. */
    private static final long MIN_MEMORY_BYTES = 64L << 20;

    private String text(UserProperty parameter) {
        return raw.nonBlank(parameter).orElse(null);
    }

    private boolean flag(UserProperty parameter, boolean fallback) {
        return raw.nonBlank(parameter).map(Boolean::parseBoolean).orElse(fallback);
    }

    private Optional<Path> path(UserProperty parameter) {
        return raw.unlessBlank(parameter).map(Path::of);
    }

    private static void requireRange(long value, int lowest, int highest, String what, String hint) {
        if (value < lowest || value > highest) {
            throw new KubeBuildException(what + value + " is out of range.", hint);
        }
    }

    private Optional<Long> optionalInteger(UserProperty parameter) {
        Optional<String> value = raw.nonBlank(parameter);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((long) Integer.parseInt(value.get()));
        } catch (NumberFormatException e) {
            throw new KubeBuildException(parameter.property() + " is '" + raw.value(parameter).orElse("")
                    + "', which is not a whole number.", Hints.wholeNumber(parameter.property()));
        }
    }

    /** Maven's {@code project.build.outputTimestamp} when set, else SOURCE_DATE_EPOCH, else null (the commit time). */
    private Long sourceDateEpoch() {
        Optional<Long> outputTimestamp = outputTimestamp();
        if (outputTimestamp.isPresent()) {
            return outputTimestamp.get();
        }
        Optional<String> value = raw.nonBlank(UserProperty.SOURCE_DATE_EPOCH);
        if (value.isEmpty()) {
            return null;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0) {
            throw new KubeBuildException("SOURCE_DATE_EPOCH (kube.sourceDateEpoch) is '" + raw.value(UserProperty.SOURCE_DATE_EPOCH).orElse("")
                    + "', not a count of seconds since 1970.", Hints.SOURCE_DATE_EPOCH_NUMBER);
        }
        return seconds;
    }

    /**
     * {@code project.build.outputTimestamp} as Maven's archiver reads it: seconds since 1970, or an ISO-8601 time with
     * an offset; a single character (a child module switching it off) or nothing means none, and so does the value
     * Maven 4's super POM gives every project, which would otherwise stamp every build with 1980 instead of its commit.
     */
    private Optional<Long> outputTimestamp() {
        Optional<String> value = raw.nonBlank(UserProperty.OUTPUT_TIMESTAMP).map(String::strip);
        if (value.isEmpty() || value.get().length() < 2 || value.get().equals(MAVEN4_SUPER_POM_TIMESTAMP)) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = value.get().chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(value.get()))
                    : OffsetDateTime.parse(value.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (NumberFormatException | DateTimeException e) {
            throw new KubeBuildException("project.build.outputTimestamp is '" + value.get()
                    + "', neither seconds since 1970 nor an ISO-8601 time with an offset.", Hints.OUTPUT_TIMESTAMP);
        }
        if (instant.isBefore(EARLIEST_OUTPUT_TIMESTAMP) || instant.isAfter(LATEST_OUTPUT_TIMESTAMP)) {
            throw new KubeBuildException("project.build.outputTimestamp is '" + value.get() + "', outside the range Maven's archiver "
                    + "accepts (" + EARLIEST_OUTPUT_TIMESTAMP + " to " + LATEST_OUTPUT_TIMESTAMP + ").", Hints.OUTPUT_TIMESTAMP);
        }
        return Optional.of(instant.getEpochSecond());
    }

    private static final String MAVEN4_SUPER_POM_TIMESTAMP = "1980-02-01T00:00:00Z";
    private static final Instant EARLIEST_OUTPUT_TIMESTAMP = Instant.parse("1980-01-01T00:00:02Z");
    private static final Instant LATEST_OUTPUT_TIMESTAMP = Instant.parse("2099-12-31T23:59:59Z");

    private <E extends Enum<E>> E choice(UserProperty parameter, Class<E> type, E fallback, String hint) {
        Optional<String> value = raw.nonBlank(parameter);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new KubeBuildException(parameter.property() + " is '" + raw.value(parameter).orElse("") + "'.", hint);
        }
    }
}
