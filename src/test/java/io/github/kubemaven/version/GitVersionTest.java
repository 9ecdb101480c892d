package io.github.kubemaven.version;

import io.github.kubemaven.ground.KubeBuildException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitVersionTest {

    private static final String COMMIT = "faecb196815e248d3ecfb03c680a4507229c2a56";

    @Test
    void anExactTagIsTheVersion() {
        VersionDefs defs = GitVersion.from(COMMIT, "clean", "v1.20.2");
        assertThat(defs).isEqualTo(new VersionDefs(COMMIT, "clean", "v1.20.2", "1", "20"));
    }

    @Test
    void distanceToATagBecomesBuildMetadata() {
        VersionDefs defs = GitVersion.from(COMMIT, "clean", "v1.20.2-5-gfaecb196815e24");
        assertThat(defs.version()).isEqualTo("v1.20.2-5+faecb196815e24");
        assertThat(defs.minor()).isEqualTo("20+");
    }

    @Test
    void distanceToAPreReleaseBecomesAPreReleaseNumber() {
        VersionDefs defs = GitVersion.from(COMMIT, "clean", "v1.21.0-beta.1-12-gfaecb196815e24");
        assertThat(defs.version()).isEqualTo("v1.21.0-beta.1.12+faecb196815e24");
        assertThat(defs.major()).isEqualTo("1");
        assertThat(defs.minor()).isEqualTo("21+");
    }

    @Test
    void aDirtyTreeIsMarked() {
        VersionDefs defs = GitVersion.from(COMMIT, "dirty", "v1.20.2");
        assertThat(defs.version()).isEqualTo("v1.20.2-dirty");
        assertThat(defs.minor()).isEqualTo("20+");
    }

    @Test
    void noTagLeavesTheVersionEmpty() {
        assertThat(GitVersion.from(COMMIT, "clean", "")).isEqualTo(new VersionDefs(COMMIT, "clean", "", "", ""));
    }

    @Test
    void aTagThatIsNoSemanticVersionIsRefusedWithAHint() {
        assertThatThrownBy(() -> GitVersion.from(COMMIT, "clean", "v1.20_rc"))
                .isInstanceOf(KubeBuildException.class)
                .hasMessageContaining("v1.20_rc")
                .satisfies(e -> assertThat(((KubeBuildException) e).hint()).contains("kube.gitVersionFile"));
    }
}
