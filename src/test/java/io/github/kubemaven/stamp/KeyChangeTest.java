package io.github.kubemaven.stamp;

import io.github.kubemaven.version.VersionDefs;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeyChangeTest {

    private static final String IMAGE = "sha256:" + "0123456789abcdef".repeat(4);
    private static final List<String> COMMAND = List.of("make", "WHAT=cmd/kubectl");
    private static final RecordKey KEY = key(IMAGE, "RSYNC", COMMAND, Map.of());

    /** A key with the platforms linux/amd64, the version v1.20.2 and {@code variables}. */
    private static RecordKey key(String image, String mode, List<String> command, Map<String, String> variables) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KUBE_BUILD_PLATFORMS", "linux/amd64");
        environment.put("SOURCE_DATE_EPOCH", "1611000000");
        environment.put(ShownValue.VERSION_DEFS, version("v1.20.2"));
        environment.putAll(variables);
        return RecordKey.of(image, mode, command, environment);
    }

    private static RecordKey withVariables(Map<String, String> variables) {
        return key(IMAGE, "RSYNC", COMMAND, variables);
    }

    private static String version(String version) {
        return new VersionDefs("0123456789abcdef0123456789abcdef01234567", "clean", version, "1", "20").toFileText();
    }

    @Test
    void theBuildImageIsNamedByShortIds() {
        assertThat(KeyChange.inWords(KEY, key("sha256:" + "fedcba9876543210".repeat(4), "RSYNC", COMMAND, Map.of())))
                .isEqualTo("the build image changed: sha256:0123456789ab… → sha256:fedcba987654…");
    }

    @Test
    void theWayTheBuildRunsShowsBothModes() {
        assertThat(KeyChange.inWords(KEY, key(IMAGE, "RSYNC FRESH_GO_CACHE", COMMAND, Map.of())))
                .isEqualTo("the way the build runs (sync mode, Go build cache) changed: RSYNC → RSYNC FRESH_GO_CACHE");
    }

    @Test
    void theCommandShowsBothCommandLines() {
        assertThat(KeyChange.inWords(KEY, key(IMAGE, "RSYNC", List.of("make", "WHAT=cmd/kubelet"), Map.of())))
                .isEqualTo("the command changed: make WHAT=cmd/kubectl → make WHAT=cmd/kubelet");
        assertThat(KeyChange.inWords(KEY, key(IMAGE, "RSYNC", List.of("make", "test", "WHAT=./pkg/a ./pkg/b"), Map.of())))
                .isEqualTo("the command changed: make WHAT=cmd/kubectl → make test 'WHAT=./pkg/a ./pkg/b'");
    }

    @Test
    void aVariableShowsItsValuesAndWhetherItWasSet() {
        assertThat(KeyChange.inWords(KEY, withVariables(Map.of("GOFLAGS", "-v"))))
                .isEqualTo("GOFLAGS changed: (not set) → -v");
        assertThat(KeyChange.inWords(withVariables(Map.of("GOFLAGS", "-v")), withVariables(Map.of("GOFLAGS", "-race"))))
                .isEqualTo("GOFLAGS changed: -v → -race");
        assertThat(KeyChange.inWords(withVariables(Map.of("GOFLAGS", "-v")), withVariables(Map.of("GOFLAGS", ""))))
                .isEqualTo("GOFLAGS changed: -v → (empty)");
        assertThat(KeyChange.inWords(withVariables(Map.of("GOFLAGS", "-v")), KEY))
                .isEqualTo("GOFLAGS changed: -v → (not set)");
    }

    @Test
    void thePlatformsShowBothLists() {
        assertThat(KeyChange.inWords(KEY, withVariables(Map.of("KUBE_BUILD_PLATFORMS", "linux/amd64 linux/arm64"))))
                .isEqualTo("KUBE_BUILD_PLATFORMS changed: linux/amd64 → linux/amd64 linux/arm64");
    }

    @Test
    void theVersionStampShowsBothVersions() {
        assertThat(KeyChange.inWords(KEY, withVariables(Map.of(ShownValue.VERSION_DEFS, version("v1.20.2-dirty")))))
                .isEqualTo("the version stamp (a new commit, tag or tree state) changed: v1.20.2 → v1.20.2-dirty");
    }

    @Test
    void aVersionStampWithoutAVersionShowsItsCommitAndTreeState() {
        String commit = "d2882266e2b17f612bda54ac430778244bcdf676";
        assertThat(KeyChange.inWords(withVariables(Map.of(ShownValue.VERSION_DEFS, new VersionDefs(commit, "clean", "", "", "").toFileText())),
                withVariables(Map.of(ShownValue.VERSION_DEFS, new VersionDefs(commit, "dirty", "", "", "").toFileText()))))
                .isEqualTo("the version stamp (a new commit, tag or tree state) changed: commit d2882266e2b1 (clean) → commit d2882266e2b1 (dirty)");
    }

    @Test
    void aProxyShowsNoUserOrPassword() {
        String reason = KeyChange.inWords(withVariables(Map.of("HTTPS_PROXY", "http://alice:s3cret@proxy.corp:3128")),
                withVariables(Map.of("HTTPS_PROXY", "http://alice:s3cret@other.corp:3128")));
        assertThat(reason).isEqualTo("HTTPS_PROXY changed: http://***@proxy.corp:3128 → http://***@other.corp:3128");
        String schemeless = KeyChange.inWords(KEY, withVariables(Map.of("KUBERNETES_HTTP_PROXY", "alice:s3cret@proxy.corp:3128")));
        assertThat(schemeless).isEqualTo("KUBERNETES_HTTP_PROXY changed: (not set) → ***@proxy.corp:3128");
        String goproxy = KeyChange.inWords(KEY, withVariables(Map.of("GOPROXY", "https://bob:t0ken@goproxy.corp,direct")));
        assertThat(goproxy).isEqualTo("GOPROXY changed: (not set) → https://***@goproxy.corp,direct");
        assertThat(reason + schemeless + goproxy).doesNotContain("s3cret", "alice", "t0ken", "bob");
    }

    @Test
    void aVariableNamedForASecretShowsNoValue() {
        String reason = KeyChange.inWords(withVariables(Map.of("GITHUB_TOKEN", "ghp_one")), withVariables(Map.of("GITHUB_TOKEN", "ghp_two")));
        assertThat(reason).isEqualTo("GITHUB_TOKEN changed (its value is not shown)");
        String command = KeyChange.inWords(KEY, key(IMAGE, "RSYNC", List.of("make", "REGISTRY_PASSWORD=hunter2", "--token", "ghp_three"), Map.of()));
        assertThat(command).isEqualTo("the command changed: make WHAT=cmd/kubectl → make REGISTRY_PASSWORD=*** --token ***");
    }

    @Test
    void aLongValueIsCutShort() {
        String reason = KeyChange.inWords(KEY, withVariables(Map.of("GOFLAGS", "-tags=" + "x".repeat(200))));
        assertThat(reason).isEqualTo("GOFLAGS changed: (not set) → -tags=" + "x".repeat(ShownValue.LONGEST - 7) + "…");
        String tail = KeyChange.inWords(withVariables(Map.of("GOFLAGS", "-tags=" + "x".repeat(200))),
                withVariables(Map.of("GOFLAGS", "-tags=" + "x".repeat(201))));
        assertThat(tail).endsWith("… (in what is not shown)");
    }

    @Test
    void severalChangesNameTheFirstTwoAndCountTheRest() {
        RecordKey now = key("sha256:" + "fedcba9876543210".repeat(4), "RSYNC", List.of("make", "WHAT=cmd/kubelet"),
                Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64", "GOFLAGS", "-v"));
        assertThat(KeyChange.inWords(KEY, now)).isEqualTo("the build image changed: sha256:0123456789ab… → sha256:fedcba987654…; "
                + "the command changed: make WHAT=cmd/kubectl → make WHAT=cmd/kubelet; and 2 more settings changed");
        assertThat(KeyChange.inWords(KEY, key(IMAGE, "BIND", List.of("make"), Map.of())))
                .isEqualTo("the way the build runs (sync mode, Go build cache) changed: RSYNC → BIND; "
                        + "the command changed: make WHAT=cmd/kubectl → make");
    }

    @Test
    void aRecordWithoutValuesIsNamedAsBefore() {
        RecordKey old = new RecordKey(KEY.hashes(), Map.of());
        assertThat(KeyChange.inWords(old, withVariables(Map.of("KUBE_BUILD_PLATFORMS", "linux/arm64"))))
                .isEqualTo("the platforms (KUBE_BUILD_PLATFORMS) changed");
        assertThat(KeyChange.inWords(old, withVariables(Map.of(ShownValue.VERSION_DEFS, version("v1.20.3")))))
                .isEqualTo("the version stamp (a new commit, tag or tree state) changed");
    }
}
