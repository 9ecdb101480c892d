package io.github.kubemaven.tree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who writes a tree's generated code ({@code zz_generated.*}, {@code generated.proto}): its make, from the sources,
 * as up to Kubernetes 1.28 ({@code build/root/Makefile.generated_files}, or a rule that makes such a file); or
 * nobody during a build, the code being committed and made anew only by {@code hack/update-codegen.sh} (1.29 and
 * later). Where make writes it, the build volume keeps make's copies between runs; where it is committed, it is a
 * source like any other, and a deleted one is gone from the volume too.
 */
public final class GeneratedCode {

    private static final List<String> GENERATED_FILES_MAKEFILES = List.of("build/root/Makefile.generated_files", "Makefile.generated_files");
    private static final List<String> MAKEFILES = List.of("Makefile", "build/root/Makefile");
    /** A generated file's name, as rules name it. */
    private static final Pattern GENERATED = Pattern.compile("zz_generated\\.|generated\\.proto");
    /** A rule's colon, not an assignment's ({@code :=}, {@code ::=}): one before any {@code =} on the line. */
    private static final Pattern RULE_COLON = Pattern.compile("^[^=]*?:(?![:=])");

    private GeneratedCode() {
    }

    /** Whether the tree's make writes its generated code. */
    public static boolean madeByMake(Path root) {
        for (String makefile : GENERATED_FILES_MAKEFILES) {
            if (Files.isRegularFile(root.resolve(makefile))) {
                return true;
            }
        }
        return Makefiles.anyPasses(root, MAKEFILES, GeneratedCode::hasGeneratingRule);
    }

    /**
     * Whether a rule line (no recipe, comment or assignment) names a generated file, as its target
     * ({@code pkg/apis/core/zz_generated.deepcopy.go: types.go}) or its target pattern
     * ({@code $(DEEPCOPY_FILES): %/zz_generated.deepcopy.go: %/types.go}).
     */
    static boolean hasGeneratingRule(String makefile) {
        for (String line : makefile.split("\n")) {
            if (!line.isEmpty() && " \t#".indexOf(line.charAt(0)) < 0 && GENERATED.matcher(line).find() && RULE_COLON.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
