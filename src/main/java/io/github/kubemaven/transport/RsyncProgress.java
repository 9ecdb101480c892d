package io.github.kubemaven.transport;

import io.github.kubemaven.ground.Progress;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the whole-transfer lines of rsync's {@code --info=progress2} ({@code 1,234,567  12%  1.02MB/s  0:00:03
 * (xfr#17, ir-chk=1012/2040)}) into a transfer's files and bytes so far.
 */
final class RsyncProgress {

    static final String FLAG = "--info=progress2";

    private static final Pattern LINE = Pattern.compile(
            "^\\s*(\\d[\\d,.']*)\\s+\\d+%\\s+\\S+\\s+\\d+:\\d\\d:\\d\\d(?:\\s+\\(xfr#(\\d+),.*)?\\s*$");

    private final Progress progress;
    private long files;

    RsyncProgress(Progress progress) {
        this.progress = progress;
    }

    private static final Pattern VERSION = Pattern.compile("version (\\d+)\\.(\\d+)");

    /** Whether the rsync of this {@code rsync --version} line has {@link #FLAG}, which came with 3.1. */
    static boolean understoodBy(String versionLine) {
        Matcher matcher = VERSION.matcher(versionLine);
        if (!matcher.find()) {
            return false;
        }
        int major = Integer.parseInt(matcher.group(1));
        return major > 3 || major == 3 && Integer.parseInt(matcher.group(2)) >= 1;
    }

    /** Whether {@code piece} of rsync's output is a progress line rather than a file or message. */
    static boolean isProgressLine(String piece) {
        return LINE.matcher(piece).matches();
    }

    void accept(String piece) {
        parse(piece).ifPresent(bytes -> progress.status(describe(files, bytes)));
    }

    private Optional<Long> parse(String piece) {
        Matcher matcher = LINE.matcher(piece);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        if (matcher.group(2) != null) {
            files = Long.parseLong(matcher.group(2));
        }
        return Optional.of(Long.parseLong(matcher.group(1).replaceAll("[,.']", "")));
    }

    static String describe(long files, long bytes) {
        return String.format(Locale.ROOT, "%,d file%s, %s", files, files == 1 ? "" : "s", bytesShown(bytes));
    }

    static String bytesShown(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
