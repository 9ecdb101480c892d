package io.github.kubemaven.tree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RemadeEveryRunTest {

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static final String SCRIPT = """
            #!/usr/bin/env bash
            BINDATA_OUTPUT="test/e2e/generated/bindata.go"
            go-bindata -nometadata -o "${BINDATA_OUTPUT}.tmp" -pkg generated test/e2e/testing-manifests/...
              BINDATA_OUTPUT="staging/src/k8s.io/kubectl/pkg/generated/bindata.go"   # kubectl's translations
            BINDATA_OUTPUT="${KUBE_ROOT}/elsewhere.go"
            BINDATA_OUTPUT="../outside/bindata.go"
            BINDATA_OUTPUT=/etc/bindata.go
            """;

    @Test
    void theScriptsOutputsWhenMakeRunsItOnEveryRun() throws IOException {
        write("hack/generate-bindata.sh", SCRIPT);
        write("build/root/Makefile.generated_files", GENERATED_FILES_MAKEFILE);

        assertThat(RemadeEveryRun.bindataFiles(root))
                .containsExactly("test/e2e/generated/bindata.go", "staging/src/k8s.io/kubectl/pkg/generated/bindata.go");
    }

    private static final String GENERATED_FILES_MAKEFILE = """
            generated_files: gen_deepcopy gen_openapi gen_bindata
            BINDATA_SCRIPT := hack/generate-bindata.sh
            .PHONY: gen_bindata
            gen_bindata: $(BINDATA_GEN) FORCE
            \t./hack/run-in-gopath.sh $(BINDATA_SCRIPT)
            """;

    @Test
    void noneWhenTheRuleIsNotForcedNotPartOfTheGeneratedFilesOrTheScriptIsMissing() throws IOException {
        write("hack/generate-bindata.sh", SCRIPT);
        write("Makefile", GENERATED_FILES_MAKEFILE.replace(" FORCE\n", "\n") + "FORCE_IT := FORCE\n");
        assertThat(RemadeEveryRun.bindataFiles(root)).as("make decides by times there").isEmpty();

        write("Makefile", GENERATED_FILES_MAKEFILE.replace(" gen_bindata\n", "\n"));
        assertThat(RemadeEveryRun.bindataFiles(root)).as("a build may compile without running it").isEmpty();

        write("Makefile", GENERATED_FILES_MAKEFILE.replace("hack/generate-bindata.sh", "hack/other.sh"));
        assertThat(RemadeEveryRun.bindataFiles(root)).as("another script").isEmpty();

        write("Makefile", GENERATED_FILES_MAKEFILE);
        Files.delete(root.resolve("hack/generate-bindata.sh"));
        assertThat(RemadeEveryRun.bindataFiles(root)).isEmpty();
    }

    @Test
    void onlyPathsInsideTheTreeCount() {
        assertThat(RemadeEveryRun.outputsOf("BINDATA_OUTPUT=a/./b.go\nBINDATA_OUTPUT=a//b.go\nBINDATA_OUTPUT=a/b.go\nBINDATA_OUTPUT=a/b.go\n"))
                .containsExactly("a/b.go");
    }
}
