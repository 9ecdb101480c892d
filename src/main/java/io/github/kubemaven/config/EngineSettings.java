package io.github.kubemaven.config;

/**
 * Which engine to use and what the build image is made from.
 *
 * @param dockerHost the engine's address, or null for DOCKER_HOST and the docker context
 * @param offline    never pull an image (Maven's {@code -o})
 * @param crossImage the cross image repository (KUBE_CROSS_IMAGE), or null for the one the tree's Dockerfile names
 * @param crossTag   the cross image tag (KUBE_CROSS_VERSION), or null for {@code build/build-image/cross/VERSION}
 * @param registry   the login for images the engine must pull, or null to pull without one
 * @param buildCpus  the most CPU time a build container may take, in billionths of a CPU, or null for no limit
 */
public record EngineSettings(String dockerHost, boolean offline, String crossImage, String crossTag, RegistryCredentials registry,
                             Long buildCpus) {
}
