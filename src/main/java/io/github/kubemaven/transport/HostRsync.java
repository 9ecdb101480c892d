package io.github.kubemaven.transport;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.Progress;
import io.github.kubemaven.tree.TreeKeys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The host's rsync client, talking to the rsync daemon in the rsync container.
 */
public final class HostRsync implements RsyncClient {

    public static final String MODULE = "k8s";
    public static final String USER = "k8s";

    private final Map<String, String> password;
    private final int compressLevel;
    private final boolean itemize;
    private final BuildLog log;

    /**
     * @param password the rsync daemon's password for this run; handed to rsync in its environment, never on its
     *                 command line or in a file
     */
    public HostRsync(String password, int compressLevel, boolean itemize, BuildLog log) {
        this.password = Map.of("RSYNC_PASSWORD", password);
        this.compressLevel = compressLevel;
        this.itemize = itemize;
        this.log = log;
    }

    /** Fails with a clear message when the host has no rsync. */
    public static void requireInstalled(Path directory) {
        HostProcess.Result result = HostProcess.of("rsync", "--version").in(directory).capture();
        versionLine = result.stdout().lines().findFirst().orElse("");
        if (!result.succeeded()) {
            throw new KubeBuildException("rsync is not installed on this machine; the dockerized build moves files with it.",
                    Hints.INSTALL_RSYNC);
        }
    }

    private static volatile String versionLine;

    /** The first line of {@code rsync --version}, as {@link #requireInstalled} read it, or asked now if it did not. */
    private static String versionLine(Path directory) {
        String known = versionLine;
        if (known == null) {
            HostProcess.Result result = HostProcess.of("rsync", "--version").in(directory).capture();
            known = result.stdout().lines().findFirst().orElse("");
            versionLine = known;
        }
        return known;
    }

    public static String url(String address) {
        return "rsync://" + USER + "@" + address + "/" + MODULE + "/";
    }

    /** True when the daemon at {@code address} answers and accepts the password. */
    @Override
    public boolean answers(Path directory, String address) {
        List<String> command = List.of("rsync", "rsync://" + USER + "@" + address + "/");
        return HostProcess.of(command).in(directory).environment(password).timeout(Duration.ofSeconds(10)).capture().succeeded();
    }

    /** rsync's archive mode: recursive, links, permissions, times, group, owner, devices. */
    public static final List<String> ARCHIVE = List.of("--archive");

    /**
     * Archive mode without times, deciding by content: changed files arrive with the time of the transfer, so make
     * on the other side sees them as newer than anything made from their earlier content, even when the sender's
     * copy carries an older time (a restored or copied file); unchanged files keep the receiver's times.
     */
    public static final List<String> ARCHIVE_BY_CONTENT = List.of("-rlpgoD", "--checksum");

    /** {@link #ARCHIVE_BY_CONTENT} for the paths of a {@code --files-from} list alone, without going into folders. */
    public static final List<String> LISTED_BY_CONTENT = List.of("-lpgoD", "--checksum");

    /**
     * Copy-out's mode: folders, regular files and links with their permissions (set-user-ID and set-group-ID bits
     * dropped) and times; no owner, group, device or special file. What rsync leaves out it names, and
     * {@link #transfer} returns those names.
     */
    public static final List<String> COPY_OUT = List.of("-rlpt", "--chmod=ug-s");

    /** {@link #COPY_OUT} deciding by content: changed files arrive with the time of the transfer. */
    public static final List<String> COPY_OUT_BY_CONTENT = List.of("-rlp", "--chmod=ug-s", "--checksum");

    /** Copies {@code source} to {@code destination} with the given mode flags, more flags and filters. */
    @Override
    public List<String> transfer(Path directory, String source, String destination, List<String> mode, List<String> filters,
                         List<String> flags, Progress progress) {
        List<String> command = new ArrayList<>(List.of("rsync"));
        command.addAll(mode);
        if (itemize) {
            command.add("-iv");
        }
        if (RsyncProgress.understoodBy(versionLine(directory))) {
            command.add(RsyncProgress.FLAG);
        }
        if (compressLevel > 0) {
            command.add("--compress-level=" + compressLevel);
        }
        command.addAll(flags);
        for (String filter : filters) {
            command.add("--filter=" + filter);
        }
        command.add(source);
        command.add(destination);
        log.debug("Running " + String.join(" ", command));
        RsyncProgress counts = new RsyncProgress(progress);
        HostProcess.Result result = runAdmitted(command, directory, Duration.ofHours(24), counts::accept);
        if (itemize && !result.stdout().isBlank()) {
            result.stdout().lines().filter(line -> !RsyncProgress.isProgressLine(line)).forEach(log::output);
        }
        if (!result.succeeded()) {
            throw new KubeBuildException("rsync from " + source + " to " + destination + " failed with exit code "
                    + result.exitCode() + ": " + result.stderr().strip(),
                    Hints.RSYNC_TRANSFER);
        }
        return skippedNonRegular(result.stdout());
    }

    private static final String SKIPPED = "skipping non-regular file \"";

    /** The paths of rsync's {@code skipping non-regular file "PATH"} lines, its octal escapes undone. */
    static List<String> skippedNonRegular(String output) {
        List<String> skipped = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(SKIPPED) && line.endsWith("\"") && line.length() > SKIPPED.length()) {
                skipped.add(unescape(line.substring(SKIPPED.length(), line.length() - 1)));
            }
        }
        return skipped;
    }

    /**
     * Runs an rsync command, again while the daemon turns it away for its few connections at a time: the daemon counts a
     * connection until its own process for it has ended, which can be a moment after the client of the one before has,
     * and a connection that never gives the password keeps its place until the daemon ends it, after
     * {@link RsyncDaemonFiles#ADMISSION}.
     */
    private HostProcess.Result runAdmitted(List<String> command, Path directory, Duration timeout) {
        return runAdmitted(command, directory, timeout, null);
    }

    /** @param output what sees stdout as it comes (see {@link HostProcess#watchOutput}), or null */
    private HostProcess.Result runAdmitted(List<String> command, Path directory, Duration timeout, Consumer<String> output) {
        Supplier<HostProcess.Result> once = () -> HostProcess.of(command).in(directory).environment(password).timeout(timeout)
                .watchOutput(output).capture();
        HostProcess.Result result = once.get();
        for (int attempt = 1; attempt < ADMISSION_ATTEMPTS && turnedAway(result); attempt++) {
            try {
                Thread.sleep(ADMISSION_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            result = once.get();
        }
        return result;
    }

    private static final Duration ADMISSION_PAUSE = Duration.ofMillis(200);
    private static final int ADMISSION_ATTEMPTS = (int) (RsyncDaemonFiles.ADMISSION.multipliedBy(3).toMillis() / ADMISSION_PAUSE.toMillis());

    static boolean turnedAway(HostProcess.Result result) {
        return result.exitCode() == 5 && result.stderr().contains("max connections");
    }

    /**
     * The files below {@code source} (an rsync URL) that {@code filters} let through, relative to it; folders are
     * left out.
     */
    @Override
    public List<String> list(Path directory, String source, List<String> filters) {
        List<String> command = new ArrayList<>(List.of("rsync", "--list-only", "--recursive", "--prune-empty-dirs"));
        for (String filter : filters) {
            command.add("--filter=" + filter);
        }
        command.add(source);
        HostProcess.Result result = runAdmitted(command, directory, Duration.ofMinutes(10));
        if (!result.succeeded()) {
            throw new KubeBuildException("rsync could not list " + source + " (exit code " + result.exitCode() + "): "
                    + result.stderr().strip(), Hints.RSYNC_LISTING);
        }
        return parseListing(result.stdout());
    }

    private static final java.util.regex.Pattern LISTING_LINE =
            java.util.regex.Pattern.compile("^([-a-zA-Z])\\S*\\s+[\\d,.]+\\s+\\S+\\s+\\S+\\s(.+)$");

    /**
     * Paths of the non-folder entries of an {@code rsync --list-only} listing, with rsync's octal escapes undone, as
     * {@link TreeKeys} keys.
     */
    static List<String> parseListing(String listing) {
        List<String> paths = new ArrayList<>();
        for (String line : listing.split("\n")) {
            java.util.regex.Matcher matcher = LISTING_LINE.matcher(line);
            if (matcher.matches() && !matcher.group(1).equals("d")) {
                paths.add(unescape(matcher.group(2)));
            }
        }
        return paths;
    }

    private static String unescape(String text) {
        if (!text.contains("\\#")) {
            return text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && i + 4 < raw.length && raw[i + 1] == '#') {
                bytes.write(Integer.parseInt(new String(raw, i + 2, 3, java.nio.charset.StandardCharsets.US_ASCII), 8));
                i += 4;
            } else {
                bytes.write(raw[i]);
            }
        }
        return TreeKeys.ofBytes(bytes.toByteArray());
    }
}
