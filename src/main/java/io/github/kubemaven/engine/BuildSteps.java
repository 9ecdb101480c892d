package io.github.kubemaven.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a build without cache made, read from its output line by line: each step's result but a {@code FROM}'s,
 * which is a base image. Docker's builder writes {@code Step 2/5 : COPY ...} and {@code  ---> 3f2a...}; Podman's
 * {@code STEP 2/5: COPY ...} (after {@code [1/2] } in a multi-stage build) and {@code --> 3f2a...}.
 */
final class BuildSteps implements Consumer<String> {

    private static final Pattern STEP = Pattern.compile("^(?:\\[\\d+/\\d+\\] )?(?:Step \\d+/\\d+ : |STEP \\d+(?:/\\d+)?: )(\\S+)");
    private static final Pattern RESULT = Pattern.compile("^(?:\\[\\d+/\\d+\\] )?\\s*-{2,3}> ([0-9a-f]{12,64})\\s*$");

    private final List<String> made = new ArrayList<>();
    private String instruction = "";

    @Override
    public synchronized void accept(String line) {
        Matcher step = STEP.matcher(line);
        if (step.find()) {
            instruction = step.group(1).toUpperCase(Locale.ROOT);
            return;
        }
        Matcher result = RESULT.matcher(line);
        if (result.matches() && !instruction.equals("FROM") && !made.contains(result.group(1))) {
            made.add(result.group(1));
        }
    }

    /** The ids (as the builder printed them, often cut to 12 digits) of the images the steps made, in build order. */
    synchronized List<String> madeImages() {
        return List.copyOf(made);
    }

    /** Whether {@code shortId} names the image {@code id} (either may carry {@code sha256:}). */
    static boolean sameImage(String shortId, String id) {
        String a = shortId.startsWith("sha256:") ? shortId.substring(7) : shortId;
        String b = id.startsWith("sha256:") ? id.substring(7) : id;
        return !a.isEmpty() && !b.isEmpty() && (a.startsWith(b) || b.startsWith(a));
    }
}
