package io.github.kubemaven.version;

import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs real git in a scratch repository. */
class VersionStamperTest {

    @TempDir
    Path root;

    @BeforeEach
    void repository() throws IOException {
        Files.writeString(root.resolve("Makefile"), "all:\n");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one", "--date=@1600000000");
    }

    private String git(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        HostProcess.Result result = HostProcess.of(command).in(root).environment(java.util.Map.of("GIT_COMMITTER_DATE", "@1600000000")).capture();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().strip();
    }

    @Test
    void computesTheStampFromGitWhenTheTreeHasNoVersionScript() {
        git("tag", "v1.2.3");
        VersionDefs defs = new VersionStamper(root).compute(null);
        assertThat(defs).isEqualTo(new VersionDefs(git("rev-parse", "HEAD"), "clean", "v1.2.3", "1", "2"));
    }

    @Test
    void untrackedFilesMakeTheTreeDirty() throws IOException {
        git("tag", "v1.2.3");
        Files.writeString(root.resolve("new.go"), "package main\n");
        assertThat(new VersionStamper(root).compute(null).version()).isEqualTo("v1.2.3-dirty");
    }

    @Test
    void theTreesOwnVersionScriptDecides() throws IOException {
        Files.createDirectories(root.resolve("hack/lib"));
        Files.writeString(root.resolve("hack/lib/version.sh"), """
                kube::version::get_version_vars() { KUBE_GIT_COMMIT=fromscript; KUBE_GIT_TREE_STATE=archive; KUBE_GIT_VERSION=v9.8.7; }
                kube::version::save_version_vars() { printf "KUBE_GIT_COMMIT='%s'\\nKUBE_GIT_TREE_STATE='%s'\\nKUBE_GIT_VERSION='%s'\\n" "$KUBE_GIT_COMMIT" "$KUBE_GIT_TREE_STATE" "$KUBE_GIT_VERSION" > "$1"; }
                """);
        assertThat(new VersionStamper(root).compute(null)).isEqualTo(new VersionDefs("fromscript", "archive", "v9.8.7", "", ""));
    }

    @Test
    void aVersionFileWinsAndAMissingOneIsNamed() throws IOException {
        Path file = root.resolve("release-version");
        Files.writeString(file, "KUBE_GIT_VERSION='v1.30.0'\nKUBE_GIT_COMMIT='c'\n");
        assertThat(new VersionStamper(root).compute(file).version()).isEqualTo("v1.30.0");
        assertThatThrownBy(() -> new VersionStamper(root).compute(root.resolve("nope")))
                .isInstanceOf(KubeBuildException.class).hasMessageContaining("nope");
    }

    @Test
    void writesTheDefsFileUnderTheOutputFolderWhereGitDoesNotSeeIt() throws IOException {
        Path file = new VersionStamper(root).write(new VersionDefs("c", "clean", "v1.0.0", "1", "0"));
        assertThat(file).isEqualTo(root.resolve("_output/kube-maven/version-defs"));
        assertThat(root.resolve(".dockerized-kube-version-defs")).doesNotExist();
        assertThat(Files.readString(file)).contains("KUBE_GIT_VERSION='v1.0.0'");
        java.nio.file.attribute.FileTime written = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, written);
        new VersionStamper(root).write(new VersionDefs("c", "clean", "v1.0.0", "1", "0"));
        assertThat(Files.getLastModifiedTime(file)).as("the same stamp leaves the file alone").isEqualTo(written);
        new VersionStamper(root).write(new VersionDefs("d", "clean", "v1.0.1", "1", "0"));
        assertThat(Files.readString(file)).contains("KUBE_GIT_VERSION='v1.0.1'");
    }

    @Test
    void readsBranchAndCommitTime() {
        VersionStamper stamper = new VersionStamper(root);
        assertThat(stamper.branch()).isEqualTo("main");
        assertThat(stamper.headCommitTime()).contains(1600000000L);
    }

    @Test
    void aFolderOutsideGitHasNoBranchNoTimeAndNoStamp(@TempDir Path plain) {
        VersionStamper stamper = new VersionStamper(plain);
        assertThat(stamper.branch()).isEmpty();
        assertThat(stamper.headCommitTime()).isEmpty();
        assertThat(stamper.fromGit()).isEqualTo(VersionDefs.empty());
    }
}
