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
                Hints.TESTS_FAILED);
        this.failingPackages = List.copyOf(failingPackages);
    }

    public List<String> failingPackages() {
        return failingPackages;
    }
}
