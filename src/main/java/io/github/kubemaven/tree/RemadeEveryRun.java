package io.github.kubemaven.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a tree's make writes on every run, whatever their times say: the bindata files of
 * {@code hack/generate-bindata.sh}, which the {@code gen_bindata} target of {@code generated_files} runs through
 * {@code FORCE} ahead of every build that makes the generated files (as in Kubernetes 1.20, whose script names its
 * outputs tree-relative; a script that names them otherwise keeps none). The script compares what it makes with the file there and rewrites it only when the content
 * differs, so a build volume may keep its copy when the tree lacks one (git ignores
 * {@code test/e2e/generated/bindata.go}, so every fresh clone lacks it): make brings it up to date either way, and
 * keeping it spares make a Go dependency list that changes with the file's presence. Kept only for a make run that
 * makes the generated files first; a command that compiles without make would otherwise read a copy no run of its
 * own made.
 */
public final class RemadeEveryRun {

    static final String BINDATA_SCRIPT = "hack/generate-bindata.sh";
    /**
     * The Go dependency list 1.20's make writes (go2make, {@code $(META_DIR)/$(GO_PKGDEPS_FILE)}) before it makes
     * anything, naming every Go file there is; make reads all its makefiles again when the list changed.
     */
    public static final String DEPENDENCY_LIST = ".make/go-pkgdeps.mk";
    private static final List<String> MAKEFILES = List.of("build/root/Makefile.generated_files", "Makefile.generated_files",
            "build/root/Makefile", "Makefile");
    /** The rule that runs the script, with FORCE among its prerequisites. */
    private static final Pattern FORCED_BINDATA_RULE = Pattern.compile("(?m)^gen_bindata\\s*:[^=\\n]*\\bFORCE\\b");
    /** The rule that makes the generated files, with the bindata among them. */
    private static final Pattern GENERATED_FILES_RULE = Pattern.compile("(?m)^generated_files\\s*:[^=\\n]*\\bgen_bindata\\b");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^\\s*BINDATA_OUTPUT=\"?([A-Za-z0-9._/-]+?)\"?\\s*(?:#.*)?$");

    private RemadeEveryRun() {
    }

    /** The tree-relative paths of the bindata files make writes on every run; none where make does not. */
    public static List<String> bindataFiles(Path root) {
        if (!runsBindataEveryTime(root)) {
            return List.of();
        }
        try {
            return outputsOf(Files.readString(root.resolve(BINDATA_SCRIPT), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean runsBindataEveryTime(Path root) {
        return Files.isRegularFile(root.resolve(BINDATA_SCRIPT)) && Makefiles.anyPasses(root, MAKEFILES, RemadeEveryRun::runsBindataEveryTime);
    }

    /**
     * Whether {@code makefile} makes the bindata part of the generated files, always, with the script:
     * {@code generated_files: ... gen_bindata}, {@code gen_bindata: ... FORCE} and the script named.
     */
    static boolean runsBindataEveryTime(String makefile) {
        return GENERATED_FILES_RULE.matcher(makefile).find() && FORCED_BINDATA_RULE.matcher(makefile).find()
                && makefile.contains(BINDATA_SCRIPT);
    }

    /** The files the script's {@code BINDATA_OUTPUT=} lines name, when they stay inside the tree. */
    static List<String> outputsOf(String script) {
        List<String> outputs = new ArrayList<>();
        Matcher output = OUTPUT.matcher(script);
        while (output.find()) {
            String path = output.group(1);
            boolean insideTree = !path.startsWith("/") && Path.of(path).normalize().toString().equals(path) && !path.startsWith("..");
            if (insideTree && !outputs.contains(path)) {
                outputs.add(path);
            }
        }
        return List.copyOf(outputs);
    }
}
