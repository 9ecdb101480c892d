package io.github.kubemaven.ground;

import java.util.List;

/**
 * Tests ran and some failed; names the failing packages.
 */
public final class TestsFailedException extends KubeBuildException {

    private final List<String> failingPackages;

    public TestsFailedException(String targets, List<String> failingPackages, int exitCode) {
        super("Tests failed in '" + targets + "' (exit code " + exitCode + ")"
                        + (failingPackages.isEmpty() ? "." : "; failing packages: " + String.join(", ", failingPackages)),
                "Rerun one with -Dkube.what=<package> (and -Dkube.testArgs=\"-run <Test>\"), or set kube.testFailureIgnore=true to go on regardless.");
        this.failingPackages = List.copyOf(failingPackages);
    }

    public List<String> failingPackages() {
        return failingPackages;
    }
}
