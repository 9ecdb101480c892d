package io.github.kubemaven.config;

import java.util.List;

/**
 * Which engine to use and what the build image is made from.
 *
 * @param dockerHost the engine's address, or null for DOCKER_HOST and the docker context
 * @param offline    never pull an image (Maven's {@code -o})
 * @param crossImage the cross image repository (KUBE_CROSS_IMAGE), or null for the one the tree's Dockerfile names
 * @param crossTag   the cross image tag (KUBE_CROSS_VERSION), or null for {@code build/build-image/cross/VERSION}
 * @param registry   the login for images the engine must pull, or null to pull without one
 * @param buildCpus  the most CPU time a build container may take, in billionths of a CPU, or null for no limit
 * @param buildMemory the most memory a build container may take, in bytes, or null for no limit
 * @param engines    the engines a build of several platforms is spread over, by address; empty for the one engine
 *                   {@code dockerHost} names
 * @param retry      whether the platforms of an engine that failed move to one that did not
 * @param imageRegistry the registry the build image goes through between engines, or null to build it on each
 */
public record EngineSettings(String dockerHost, boolean offline, String crossImage, String crossTag, RegistryCredentials registry,
                             Long buildCpus, Long buildMemory, List<String> engines,
                             boolean retry, ImageRegistry imageRegistry) {

    public EngineSettings {
        engines = List.copyOf(engines);
    }

    /** Whether builds spread over several engines. */
    public boolean spread() {
        return engines.size() > 1;
    }

    /** The same settings for the one engine at {@code address}. */
    public EngineSettings on(String address) {
        return new EngineSettings(address, offline, crossImage, crossTag, registry, buildCpus, buildMemory, List.of(), false, imageRegistry);
    }
}
