package io.github.kubemaven.engine;

import java.util.Map;

/** What the engine says of an existing container. */
public record ContainerState(String id, String name, boolean running, long exitCode, String image, Map<String, String> labels) {
}
