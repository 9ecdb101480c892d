package io.github.kubemaven.orchestrate;

import io.github.kubemaven.ground.BuildLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestOutcomeLogTest {

    @Test
    void readsFailingPackagesFromGoTestOutput() {
        assertThat(TestOutcomeLog.failedPackage("FAIL\tk8s.io/kubernetes/pkg/apis/core\t0.012s")).isEqualTo("k8s.io/kubernetes/pkg/apis/core");
        assertThat(TestOutcomeLog.failedPackage("FAIL\tk8s.io/kubernetes/pkg/kubelet [build failed]")).isEqualTo("k8s.io/kubernetes/pkg/kubelet");
        assertThat(TestOutcomeLog.failedPackage("--- FAIL: TestPodDeepCopy (0.00s)")).isNull();
        assertThat(TestOutcomeLog.failedPackage("FAIL")).isNull();
        assertThat(TestOutcomeLog.failedPackage("ok  \tk8s.io/kubernetes/pkg/apis/core\t0.01s")).isNull();
    }

    @Test
    void readsFailingPackagesFromGotestsumOutput() {
        assertThat(TestOutcomeLog.failedPackage("\u2716  pkg/kubectl (7ms)")).isEqualTo("pkg/kubectl");
        assertThat(TestOutcomeLog.failedPackage("\u2716  k8s.io/api/core/v1 (1.204s)")).isEqualTo("k8s.io/api/core/v1");
        assertThat(TestOutcomeLog.failedPackage("\u2716  pkg/apis/core")).isEqualTo("pkg/apis/core");
        assertThat(TestOutcomeLog.failedPackage("=== FAIL: pkg/kubectl TestDescribeNamesPodAndConfig (0.00s)")).isEqualTo("pkg/kubectl");
        assertThat(TestOutcomeLog.failedPackage("=== FAIL: pkg/kubectl  (0.00s)")).isEqualTo("pkg/kubectl");
        assertThat(TestOutcomeLog.failedPackage("\u2713  pkg/apis/core (14ms)")).isNull();
        assertThat(TestOutcomeLog.failedPackage("\u2205  cmd/kubectl (0ms)")).isNull();
        assertThat(TestOutcomeLog.failedPackage("=== Failed")).isNull();
        assertThat(TestOutcomeLog.failedPackage("DONE 2 tests, 1 failure in 30.462s")).isNull();
    }

    @Test
    void collectsEachPackageOnceAndPassesEveryLineOn() {
        StringBuilder seen = new StringBuilder();
        TestOutcomeLog log = new TestOutcomeLog(new BuildLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void debug(String message) {
            }

            @Override
            public void output(String line) {
                seen.append(line).append('\n');
            }
        });
        log.output("FAIL\tk8s.io/a\t0.1s");
        log.output("ok  \tk8s.io/b\t0.1s");
        log.output("FAIL\tk8s.io/a\t0.1s");
        log.output("FAIL\tk8s.io/c [build failed]");
        assertThat(log.failingPackages()).containsExactly("k8s.io/a", "k8s.io/c");
        assertThat(seen.toString().lines()).hasSize(4);
    }
}
