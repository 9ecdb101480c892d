package io.github.kubemaven.naming;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TreeHashTest {

    @Test
    void isTheFirstTenHexDigitsOfMd5OverHostRootAndBranch() {
        // echo -n "builder:/src/kubernetes:master" | md5sum
        assertThat(TreeHash.of("builder", "/src/kubernetes", "master")).isEqualTo("5dcbd70ea2");
    }

    @Test
    void differsWhenHostRootOrBranchDiffers() {
        String base = TreeHash.of("builder", "/src/kubernetes", "master");
        assertThat(TreeHash.of("other", "/src/kubernetes", "master")).isNotEqualTo(base);
        assertThat(TreeHash.of("builder", "/src/kubernetes2", "master")).isNotEqualTo(base);
        assertThat(TreeHash.of("builder", "/src/kubernetes", "release-1.20")).isNotEqualTo(base);
        assertThat(TreeHash.of("builder", "/src/kubernetes", "")).isNotEqualTo(base);
    }
}
