package io.github.kubemaven.sync;

import io.github.kubemaven.core.BuildLog;
import io.github.kubemaven.core.HostCommand;
import io.github.kubemaven.core.KubeBuildException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host's rsync client, talking to the rsync daemon in the rsync container.
 */
public final class HostRsync {

    public static final String MODULE = "k8s";
    public static final String USER = "k8s";

    private final Path passwordFile;
    private final int compressLevel;
    private final boolean itemize;
    private final BuildLog log;

    public HostRsync(Path passwordFile, int compressLevel, boolean itemize, BuildLog log) {
        this.passwordFile = passwordFile;
        this.compressLevel = compressLevel;
        this.itemize = itemize;
        this.log = log;
    }

    /** Fails with a clear message when the host has no rsync. */
    public static void requireInstalled(Path directory) {
        HostCommand.Result result = HostCommand.run(directory, List.of("rsync", "--version"));
        if (!result.succeeded()) {
            throw new KubeBuildException("rsync is not installed on this machine; the dockerized build moves files with it.",
                    "Install it (for example 'sudo apt-get install rsync' or 'brew install rsync') and run again.");
        }
    }

    public static String url(String address) {
        return "rsync://" + USER + "@" + address + "/" + MODULE + "/";
    }

    /** True when the daemon at {@code address} answers and accepts the password. */
    public boolean answers(Path directory, String address) {
        List<String> command = List.of("rsync", "--password-file=" + passwordFile, "rsync://" + USER + "@" + address + "/");
        return HostCommand.run(directory, command, Map.of(), 10).succeeded();
    }

    /** rsync's archive mode: recursive, links, permissions, times, group, owner, devices. */
    public static final List<String> ARCHIVE = List.of("--archive");

    /**
     * Archive mode without times, deciding by content: changed files arrive with the time of the transfer, so make
     * on the other side sees them as newer than anything made from their earlier content, even when the sender's
     * copy carries an older time (a restored or copied file); unchanged files keep the receiver's times.
     */
    public static final List<String> ARCHIVE_BY_CONTENT = List.of("-rlpgoD", "--checksum");

    /** Copies {@code source} to {@code destination} with the given mode flags, more flags and filters. */
    public void transfer(Path directory, String source, String destination, List<String> mode, List<String> filters,
                         List<String> flags) {
        List<String> command = new ArrayList<>(List.of("rsync"));
        command.addAll(mode);
        command.add("--password-file=" + passwordFile);
        if (itemize) {
            command.add("-iv");
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
        HostCommand.Result result = HostCommand.run(directory, command, Map.of(), 3600);
        if (itemize && !result.stdout().isBlank()) {
            result.stdout().lines().forEach(log::output);
        }
        if (!result.succeeded()) {
            throw new KubeBuildException("rsync from " + source + " to " + destination + " failed with exit code "
                    + result.exitCode() + ": " + result.stderr().strip(),
                    "Check that the files are readable and the disk has room; run with -Dkube.verbose=6 to list each file.");
        }
    }
}
