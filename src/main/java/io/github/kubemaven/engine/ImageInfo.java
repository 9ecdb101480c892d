package io.github.kubemaven.engine;

import java.util.Map;

/** What the engine says of an image. */
public record ImageInfo(String id, Map<String, String> labels) {
}
