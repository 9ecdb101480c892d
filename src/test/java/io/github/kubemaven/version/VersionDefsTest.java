package io.github.kubemaven.version;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionDefsTest {

    @Test
    void writesWhatSaveVersionVarsWritesAndReadsItBack() {
        VersionDefs defs = new VersionDefs("abc", "clean", "v1.20.2", "1", "20");
        assertThat(defs.toFileText()).isEqualTo("""
                KUBE_GIT_COMMIT='abc'
                KUBE_GIT_TREE_STATE='clean'
                KUBE_GIT_VERSION='v1.20.2'
                KUBE_GIT_MAJOR='1'
                KUBE_GIT_MINOR='20'
                """);
        assertThat(VersionDefs.parse(defs.toFileText())).isEqualTo(defs);
    }

    @Test
    void readsHandWrittenFilesWithOtherQuotingAndMissingFields() {
        VersionDefs defs = VersionDefs.parse("# release\nKUBE_GIT_VERSION=\"v1.21.0\"\nKUBE_GIT_TREE_STATE=archive\n");
        assertThat(defs).isEqualTo(new VersionDefs("", "archive", "v1.21.0", "", ""));
    }
}
