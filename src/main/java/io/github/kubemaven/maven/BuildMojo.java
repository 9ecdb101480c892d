package io.github.kubemaven.maven;

import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.SettingsResolver;
import io.github.kubemaven.config.UserProperty;
import io.github.kubemaven.orchestrate.BuildGoal;
import io.github.kubemaven.orchestrate.Workspace;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.Arrays;
import java.util.List;

/**
 * Builds Kubernetes in the build container and copies the binaries back, as {@code build/run.sh make} does.
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.COMPILE, requiresProject = false, threadSafe = true)
public class BuildMojo extends AbstractCommandMojo {

    /**
     * The packages to build, for example {@code cmd/kubectl} or {@code "cmd/kubelet cmd/kubectl"} (WHAT).
     * Unset: everything the Makefile builds by default.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.what")
    protected String what;

    /**
     * The make targets, space separated, for example {@code all} or {@code cross}. Unset: the Makefile's default.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.targets")
    protected String targets;

    /**
     * With {@code kube.mode=local}: build the one command named by {@code kube.what} with {@code go build -v} in its
     * folder, for the host platform; the binary lands in that folder. A tree whose {@code hack/lib/init.sh} switches Go
     * modules off (Kubernetes before 1.22) is built in GOPATH mode from {@code _output/local/go}, as its make builds it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.quick", defaultValue = "false")
    protected boolean quick;

    /**
     * Builds even when nothing changed since the last successful build of the same command.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kube.force", defaultValue = "false")
    protected boolean force;

    @Override
    protected String goalName() {
        return "kube:build";
    }

    @Override
    protected void addParameters(RawParameters raw) {
        super.addParameters(raw);
        raw.with(UserProperty.WHAT, what)
                .with(UserProperty.FORCE, force);
    }

    @Override
    protected void execute(SettingsResolver resolver, Workspace workspace) {
        BuildGoal goal = new BuildGoal(workspace);
        if (quick) {
            getLog().info("Built " + goal.quickBuild(resolver.what()));
            return;
        }
        List<String> targetList = targets == null ? List.of() : Arrays.asList(targets.strip().split("\\s+"));
        goal.checkWhat(resolver.what());
        goal.run(BuildGoal.makeCommand(targetList, resolver.what()), resolver.copyOutput(), true);
    }
}
