package io.github.kubemaven.tree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedCodeTest {

    @TempDir
    Path root;

    @Test
    void aTreeWithMakefileGeneratedFilesHasItsCodeMadeByMake() throws IOException {
        Files.createDirectories(root.resolve("build/root"));
        Files.writeString(root.resolve("build/root/Makefile"), "all: generated_files\n\thack/make-rules/build.sh $(WHAT)\n");
        assertThat(GeneratedCode.madeByMake(root)).as("1.29 and later: a generated_files-free Makefile").isFalse();
        Files.writeString(root.resolve("build/root/Makefile.generated_files"), "# the generators\n");
        assertThat(GeneratedCode.madeByMake(root)).as("up to 1.28").isTrue();
    }

    @Test
    void aRuleWhoseTargetIsAGeneratedFileMeansMakeWritesIt() {
        assertThat(GeneratedCode.hasGeneratingRule("pkg/apis/core/zz_generated.deepcopy.go: pkg/apis/core/types.go hack/gen.sh\n\thack/gen.sh $< $@\n")).isTrue();
        assertThat(GeneratedCode.hasGeneratingRule("api/generated.proto: api/types.go\n")).isTrue();
        assertThat(GeneratedCode.hasGeneratingRule("DEEPCOPY_FILES := pkg/apis/core/zz_generated.deepcopy.go\n"
                + "$(DEEPCOPY_FILES): %/zz_generated.deepcopy.go: %/types.go $(DEEPCOPY_GEN)\n\t$(DEEPCOPY_GEN) $< $@\n"))
                .as("a static pattern rule over a list of generated files").isTrue();
        assertThat(GeneratedCode.hasGeneratingRule("FILES ::= zz_generated.deepcopy.go\n")).as("a POSIX assignment").isFalse();
        assertThat(GeneratedCode.hasGeneratingRule("all:\n\thack/make-rules/build.sh $(WHAT)\n")).isFalse();
        assertThat(GeneratedCode.hasGeneratingRule("# zz_generated.deepcopy.go: committed since 1.29\n")).as("a comment").isFalse();
        assertThat(GeneratedCode.hasGeneratingRule("GENERATED_FILE_PREFIX := zz_generated.\n")).as("a variable").isFalse();
        assertThat(GeneratedCode.hasGeneratingRule("clean_generated:\n\tfind . -name 'zz_generated.*' | xargs rm -f\n")).as("a recipe").isFalse();
    }
}
