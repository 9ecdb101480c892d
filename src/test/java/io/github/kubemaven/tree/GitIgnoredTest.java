package io.github.kubemaven.tree;

import io.github.kubemaven.ground.HostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GitIgnoredTest {

    @TempDir
    Path root;

    @Test
    void namesThePathsGitIgnoresAndNoneOutsideACheckout() throws IOException {
        List<String> paths = List.of("pkg/generated/openapi/zz_generated.openapi.go", "pkg/apis/core/zz_generated.deepcopy.go");
        assertThat(GitIgnored.among(root, paths)).as("no git checkout").isEmpty();

        HostProcess.of("git", "init", "-q").in(root).capture();
        Files.writeString(root.resolve(".gitignore"), "zz_generated.openapi.go\n");

        assertThat(GitIgnored.among(root, paths)).containsExactly("pkg/generated/openapi/zz_generated.openapi.go");
        assertThat(GitIgnored.among(root, List.of())).isEmpty();
    }

    @Test
    void aTrackedFileTheRulesMatchIsGitsNotIgnored() throws IOException {
        String tracked = "pkg/apis/extra/zz_generated.deepcopy.go";
        HostProcess.of("git", "init", "-q").in(root).capture();
        Files.writeString(root.resolve(".gitignore"), "zz_generated.*\n");
        Files.createDirectories(root.resolve("pkg/apis/extra"));
        Files.writeString(root.resolve(tracked), "package extra");
        HostProcess.of("git", "add", "-f", tracked).in(root).capture();

        assertThat(GitIgnored.among(root, List.of(tracked, "pkg/apis/other/zz_generated.deepcopy.go")))
                .containsExactly("pkg/apis/other/zz_generated.deepcopy.go");
        assertThat(GitIgnored.matchingRules(root, List.of(tracked))).containsExactly(tracked);
    }
}
