package io.github.kubemaven.tree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CodeGeneratorsTest {

    @TempDir
    Path root;

    @Test
    void theToolsOfMakefilesShapedLikeKubernetes120AreNamed() throws IOException {
        Files.createDirectories(root.resolve("build/root"));
        Files.writeString(root.resolve("build/root/Makefile"), "OUT_DIR ?= _output\nBIN_DIR := $(OUT_DIR)/bin\nMETA_DIR := .make\n");
        Files.writeString(root.resolve("build/root/Makefile.generated_files"), """
                DEEPCOPY_GEN := $(BIN_DIR)/deepcopy-gen
                CONVERSION_GEN := $(BIN_DIR)/conversion-gen
                $(DEEPCOPY_GEN): $(k8s.io/kubernetes/vendor/k8s.io/code-generator/cmd/deepcopy-gen)
                BINDATA_GEN := $(BIN_DIR)/go-bindata
                OPENAPI_GEN := $(BIN_DIR)/openapi-gen
                # $(BIN_DIR)/../escape and $(BIN_DIR)/-flag are no tool names
                $(META_DIR)/$(GO_PKGDEPS_FILE): FORCE
                	hack/run-in-gopath.sh go install ./hack/make-rules/helpers/go2make
                	hack/run-in-gopath.sh go2make k8s.io/kubernetes/... > $@.tmp
                """);
        assertThat(CodeGenerators.namesIn(root)).containsExactly("conversion-gen", "deepcopy-gen", "go-bindata", "go2make", "openapi-gen");
    }

    @Test
    void aTreeWhoseMakeGeneratesNothingHasNoTools() throws IOException {
        Files.writeString(root.resolve("Makefile"), "all:\n\thack/make-rules/build.sh $(WHAT)\n");
        assertThat(CodeGenerators.namesIn(root)).isEmpty();
        assertThat(CodeGenerators.namesIn(root.resolve("no-such-tree"))).isEmpty();
    }
}
