package io.github.kubemaven.config;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry the build image goes through ({@code kube.registry}): an engine that lacks the image of a build context
 * pulls it from there, and one that built it pushes it there, so that the nodes of a cluster and the engines of
 * {@code kube.engines} build each context once.
 *
 * @param repository where the images go: a registry host with an optional port and path, such as
 *                   {@code registry.example.com:5000/kube}
 * @param login      the login for pushing and pulling, or null to do both without one
 */
public record ImageRegistry(String repository, RegistryCredentials login) {

    /** The repository under {@link #repository} that holds the build images, one tag per build context. */
    public static final String BUILD_IMAGES = "kube-mvn-build";

    private static final String LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
    private static final Pattern HOST = Pattern.compile("(" + LABEL + "(\\." + LABEL + ")*|\\[[0-9a-f:]+\\])(:(?<port>\\d{1,5}))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PATH_PART = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");

    public ImageRegistry {
        requireValid(repository);
    }

    /** The registry host (with its port) of {@code kube.registry} {@code value}, refusing a value that names none. */
    public static String hostOf(String value) {
        requireValid(value);
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    /** The registry host (with its port), as settings.xml servers for it are named. */
    public String host() {
        return hostOf(repository);
    }

    /** The image of the build context whose fingerprint is {@code fingerprint}. */
    public String buildImage(String fingerprint) {
        return repository + "/" + BUILD_IMAGES + ":" + fingerprint;
    }

    private static void requireValid(String value) {
        if (value == null || value.isBlank()) {
            throw new KubeBuildException("kube.registry is empty.", Hints.IMAGE_REGISTRY);
        }
        if (value.contains("://")) {
            throw new KubeBuildException("kube.registry is '" + value + "': give the registry without a scheme.", Hints.IMAGE_REGISTRY);
        }
        String[] parts = value.split("/", -1);
        Matcher host = HOST.matcher(parts[0]);
        String port = host.matches() ? host.group("port") : null;
        boolean named = host.matches() && (port != null || parts[0].contains(".") || parts[0].startsWith("[")
                || parts[0].equalsIgnoreCase("localhost"));
        if (!named || port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
            throw new KubeBuildException("kube.registry is '" + value + "', and '" + parts[0] + "' is no registry host.", Hints.IMAGE_REGISTRY);
        }
        for (int i = 1; i < parts.length; i++) {
            if (!PATH_PART.matcher(parts[i]).matches()) {
                throw new KubeBuildException("kube.registry is '" + value + "', and '" + parts[i]
                        + "' is no part of an image repository (lower-case letters, digits, '.', '_' and '-').", Hints.IMAGE_REGISTRY);
            }
        }
    }
}
