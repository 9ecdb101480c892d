package io.github.kubemaven.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code generators a tree's make builds as its own tools ({@code $(BIN_DIR)/deepcopy-gen} and the like, up to
 * Kubernetes 1.28), and the helpers it installs to run them ({@code go install ./hack/make-rules/helpers/go2make}).
 * make regenerates every generated file when such a tool is newer than the file, and installs a missing helper anew
 * on every first run, so a build volume filled from another keeps them beside the generated files they made.
 */
public final class CodeGenerators {

    /** Where trees of each era declare the generators' targets. */
    static final List<String> MAKEFILES = List.of("Makefile", "build/root/Makefile", "build/root/Makefile.generated_files");

    private static final Pattern TARGET = Pattern.compile("\\$\\(BIN_DIR\\)/([A-Za-z0-9][A-Za-z0-9._+-]*)");
    /** A helper make installs from the tree itself to run it, as 1.20's go2make, which works out the Go package graph. */
    private static final Pattern INSTALLED = Pattern.compile("go install +\\./(?:[A-Za-z0-9._+-]+/)*([A-Za-z0-9][A-Za-z0-9._+-]*)(?=\\s|$)");

    private CodeGenerators() {
    }

    /** The names of the tools the tree's makefiles build under {@code $(BIN_DIR)}, sorted; none when it builds none. */
    public static Set<String> namesIn(Path root) {
        Set<String> names = new TreeSet<>();
        for (String makefile : MAKEFILES) {
            Path file = root.resolve(makefile);
            if (Files.isRegularFile(file)) {
                try {
                    names.addAll(namesOf(Files.readString(file, StandardCharsets.ISO_8859_1)));
                } catch (IOException e) {
                    // an unreadable makefile names no generator: the seed then carries none and make builds them
                }
            }
        }
        return names;
    }

    static Set<String> namesOf(String makefile) {
        Set<String> names = new TreeSet<>();
        for (Pattern pattern : List.of(TARGET, INSTALLED)) {
            Matcher matcher = pattern.matcher(makefile);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
