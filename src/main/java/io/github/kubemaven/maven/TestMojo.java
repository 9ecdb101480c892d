package io.github.kubemaven.maven;

import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.config.UserProperty;
import io.github.kubemaven.orchestrate.TestGoal;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.Arrays;
import java.util.List;

/**
 * Runs Kubernetes' tests in the build container, as {@code build/run.sh make test} does: {@code make test},
 * {@code make test-integration} and {@code make test-cmd}, as chosen.
 *
 * @since 0.1.0
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, requiresProject = false, threadSafe = true)
public class TestMojo extends AbstractDevelopmentMojo {

    /**
     * The make targets to run, space or comma separated: {@code test}, {@code test-integration}, {@code test-cmd}.
     * With {@code test-cmd}, {@code kube.what} names groups of {@code test/cmd} (such as {@code configmap}), not
     * packages, so {@code test-cmd} takes a WHAT only when it runs alone.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.testTargets", defaultValue = "test")
    protected String testTargets;

    /**
     * The packages to test, for example {@code ./pkg/kubelet/...} (WHAT). Unset: every package the tree's test
     * target covers.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.what")
    protected String what;

    /**
     * Extra arguments for go test, for example {@code -run TestFoo} (KUBE_TEST_ARGS). Unset: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.testArgs")
    protected String testArgs;

    /**
     * Runs the tests with the race detector, {@code -race} (KUBE_RACE). Unset: the tree's default.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.race")
    protected String race;

    /**
     * The go test timeout flag, for example {@code --timeout=300s} (KUBE_TIMEOUT). Unset: the tree's default
     * ({@code hack/make-rules/test.sh}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.testTimeout")
    protected String testTimeout;

    /**
     * Goes on when tests fail, with a warning, as Surefire's testFailureIgnore.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.testFailureIgnore", defaultValue = "false")
    protected boolean testFailureIgnore;

    /**
     * Skips the tests, as for Surefire.
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /**
     * Skips the tests, as for Surefire and the compiler.
     *
     * @since 0.1.0
     */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    protected boolean mavenTestSkip;

    @Override
    protected String goalName() {
        return "kube:test";
    }

    @Override
    protected boolean skipped() {
        if (skipTests || mavenTestSkip) {
            getLog().info("Tests are skipped.");
            return true;
        }
        return false;
    }

    @Override
    protected boolean testing() {
        return true;
    }

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.WHAT, what)
                .with(UserProperty.TEST_ARGS, testArgs)
                .with(UserProperty.RACE, race)
                .with(UserProperty.TEST_TIMEOUT, testTimeout);
    }

    @Override
    protected void execute(SettingsResolver resolver, Workspace workspace) {
        List<String> targets = Arrays.stream(testTargets.strip().split("[\\s,]+")).filter(target -> !target.isEmpty()).toList();
        new TestGoal(workspace).test(targets, resolver.what(), testFailureIgnore);
    }
}
