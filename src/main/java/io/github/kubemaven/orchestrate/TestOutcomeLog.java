package io.github.kubemaven.orchestrate;

import io.github.kubemaven.ground.BuildLog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passes output on to another log and notes which Go packages a test run reported as failing: in {@code go test}'s
 * own lines ({@code FAIL <package> 0.1s}, Kubernetes up to 1.28) or in gotestsum's ({@code ✖  <package> (20ms)} and
 * {@code === FAIL: <package> <Test> (0.00s)}, later releases), where packages of the tree's main module lose its
 * module path.
 */
final class TestOutcomeLog implements BuildLog {

    private static final Pattern FAILED_PACKAGE = Pattern.compile("^(?:---\\s+)?FAIL[:\\s]\\s*(\\S+)(?:\\s+\\[.*])?(?:\\s+[0-9.]+s)?\\s*$");
    private static final Pattern GOTESTSUM_FAILED_PACKAGE = Pattern.compile("^\u2716\\s+(\\S+)(?:\\s+\\(.*\\))?$");
    private static final Pattern GOTESTSUM_FAILED_TEST = Pattern.compile("^=== FAIL: (\\S+)(?: +(?!\\()\\S+)?(?: +\\([0-9.]+s\\))?$");

    private final BuildLog delegate;
    private final Set<String> failing = new LinkedHashSet<>();

    TestOutcomeLog(BuildLog delegate) {
        this.delegate = delegate;
    }

    static String failedPackage(String line) {
        for (Pattern gotestsum : new Pattern[] {GOTESTSUM_FAILED_PACKAGE, GOTESTSUM_FAILED_TEST}) {
            Matcher reported = gotestsum.matcher(line.strip());
            if (reported.matches()) {
                return reported.group(1);
            }
        }
        Matcher matcher = FAILED_PACKAGE.matcher(line.strip());
        if (!matcher.matches() || line.stripLeading().startsWith("--- FAIL")) {
            return null;
        }
        String candidate = matcher.group(1);
        return candidate.contains("/") || candidate.contains(".") ? candidate : null;
    }

    List<String> failingPackages() {
        return new ArrayList<>(failing);
    }

    @Override
    public void output(String line) {
        String failed = failedPackage(line);
        if (failed != null) {
            failing.add(failed);
        }
        delegate.output(line);
    }

    @Override
    public void info(String message) {
        delegate.info(message);
    }

    @Override
    public void warn(String message) {
        delegate.warn(message);
    }

    @Override
    public void debug(String message) {
        delegate.debug(message);
    }
}
