package io.github.kubemaven.builders;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's Go, found and checked against what the tree asks for.
 *
 * @param goCommand the go binary
 * @param version   its version, for example {@code 1.19.8}
 */
public record GoToolchain(Path goCommand, String version) {

    private static final Pattern GO_VERSION_OUTPUT = Pattern.compile("go version go(\\d+(?:\\.\\d+){1,2})");
    private static final Pattern SCRIPT_MINIMUM = Pattern.compile("minimum_go_version=go(\\d+(?:\\.\\d+){1,2})");
    private static final Pattern MODULE_GO = Pattern.compile("(?m)^go\\s+(\\d+(?:\\.\\d+){1,2})\\s*$");

    /** The bin directory to put first on PATH, so make and scripts find this go. */
    public Path binDirectory() {
        return goCommand.getParent();
    }

    /**
     * The lowest Go the tree builds with: {@code .go-version}, else {@code minimum_go_version} in
     * {@code hack/lib/golang.sh}, else the {@code go} line of {@code go.mod}.
     */
    public static Optional<String> requiredBy(Path root) {
        try {
            Path goVersionFile = root.resolve(".go-version");
            if (Files.isRegularFile(goVersionFile)) {
                String text = Files.readString(goVersionFile).strip();
                if (!text.isEmpty()) {
                    return Optional.of(text.startsWith("go") ? text.substring(2) : text);
                }
            }
            Path golang = root.resolve("hack/lib/golang.sh");
            if (Files.isRegularFile(golang)) {
                Matcher matcher = SCRIPT_MINIMUM.matcher(Files.readString(golang));
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
            Path goMod = root.resolve("go.mod");
            if (Files.isRegularFile(goMod)) {
                Matcher matcher = MODULE_GO.matcher(Files.readString(goMod));
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Finds Go: under {@code goRoot} when given, else on PATH, else the newest of /usr/lib/go-* and /usr/local/go.
     * Fails with what to install when there is none or it is older than the tree needs.
     */
    public static GoToolchain find(Path root, Path goRoot) {
        String required = requiredBy(root).orElse("1.0");
        List<Path> candidates = new ArrayList<>();
        if (goRoot != null) {
            candidates.add(goRoot.resolve("bin/go"));
        } else {
            String path = System.getenv("PATH");
            if (path != null) {
                for (String directory : path.split(java.io.File.pathSeparator)) {
                    candidates.add(Path.of(directory, "go"));
                }
            }
            candidates.addAll(installedUnder(Path.of("/usr/lib")));
            candidates.add(Path.of("/usr/local/go/bin/go"));
        }
        String install = Hints.installGo(required, majorMinor(required));
        GoToolchain tooOld = null;
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            Optional<String> version = versionOf(candidate);
            if (version.isEmpty()) {
                continue;
            }
            GoToolchain toolchain = new GoToolchain(candidate, version.get());
            if (compare(version.get(), required) >= 0) {
                return toolchain;
            }
            tooOld = tooOld == null ? toolchain : tooOld;
        }
        if (tooOld != null) {
            throw new KubeBuildException("The tree needs Go " + required + " or newer, but " + tooOld.goCommand() + " is Go "
                    + tooOld.version() + ".", install);
        }
        throw new KubeBuildException("kube.mode=local builds with the host's Go, and none was found"
                + (goRoot == null ? " (PATH, /usr/lib/go-*, /usr/local/go)." : " under " + goRoot + "."), install);
    }

    private static List<Path> installedUnder(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> entry.getFileName().toString().matches("go-\\d+(\\.\\d+)*"))
                    .sorted(Comparator.comparing((Path entry) -> entry.getFileName().toString().substring(3), GoToolchain::compare).reversed())
                    .map(entry -> entry.resolve("bin/go"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<String> versionOf(Path go) {
        HostProcess.Result result = HostProcess.of(go.toString(), "version").timeout(Duration.ofSeconds(30)).capture();
        Matcher matcher = GO_VERSION_OUTPUT.matcher(result.stdout());
        return result.succeeded() && matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Compares dotted versions numerically: 1.19.8 > 1.15 > 1.9. */
    static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? parse(a[i]) : 0;
            int y = i < b.length ? parse(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int parse(String part) {
        String digits = part.replaceAll("\\D.*$", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
