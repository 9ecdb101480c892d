package io.github.kubemaven.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A few read-only questions put to the engine before its full client is loaded, enough to tell that a build has
 * nothing to do. Any answer it cannot give is empty, and the caller then asks the full client.
 */
public interface EngineGlance {

    /** What the engine says of {@code reference}; empty when it has no such image or could not say. */
    Optional<ImageInfo> inspectImage(String reference);

    /**
     * The labels of every container, running or not, that carries all of {@code labels}; empty when the engine could
     * not say.
     */
    Optional<List<Map<String, String>>> containerLabels(Map<String, String> labels);

    /** The engine, as the log names it. */
    String endpoint();
}
