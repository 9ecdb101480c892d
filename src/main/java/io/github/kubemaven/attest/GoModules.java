package io.github.kubemaven.attest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Go modules a tree vendors, as its {@code vendor/modules.txt} lists them: a {@code # path version} line per
 * module, with {@code => replacement [version]} when go.mod replaces it. Lines that only state a replacement for every
 * version ({@code # path => ...}) and package lines are not modules of their own.
 */
final class GoModules {

    /**
     * @param path        the module path the code imports
     * @param version     the version that is built: the replacement's when go.mod replaces it with another module
     * @param replacement the replacing module path, or the tree folder ({@code ./staging/...}) it is replaced by, or null
     */
    record Module(String path, String version, String replacement) {

        /** Replaced by a folder of the tree itself, as Kubernetes' staging repositories are. */
        boolean inTree() {
            return replacement != null && (replacement.startsWith("./") || replacement.startsWith("../"));
        }
    }

    private GoModules() {
    }

    /** The modules of {@code root}'s {@code vendor/modules.txt}, in its order; empty when the tree vendors nothing. */
    static List<Module> of(Path root) {
        Path file = root.resolve("vendor/modules.txt");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    static List<Module> parse(List<String> lines) {
        List<Module> modules = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("# ")) {
                continue;
            }
            String[] words = line.substring(2).trim().split("\\s+");
            if (words.length < 2 || words[1].equals("=>")) {
                continue;
            }
            String path = words[0];
            String version = words[1];
            String replacement = null;
            if (words.length >= 4 && words[2].equals("=>")) {
                replacement = words[3];
                if (words.length >= 5) {
                    version = words[4];
                }
            }
            modules.add(new Module(path, version, replacement));
        }
        return modules;
    }
}
