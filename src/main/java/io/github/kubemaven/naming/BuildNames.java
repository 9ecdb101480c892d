package io.github.kubemaven.naming;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and labels of everything the plugin creates for one tree at one build-image version.
 * The shapes follow upstream ({@code <kind>-<tree hash>-<build-image version>-<cross tag>}) under a
 * {@code kube-mvn} prefix, so the plugin and upstream's scripts never remove each other's state.
 */
public record BuildNames(String treeHash, String version) {

    public static final String LABEL_PREFIX = "io.github.kubemaven.";
    public static final String TREE_LABEL = LABEL_PREFIX + "tree";
    public static final String ROLE_LABEL = LABEL_PREFIX + "role";
    public static final String VERSION_LABEL = LABEL_PREFIX + "version";
    /** On a data container: the canonical path of its tree, on the host named by {@link #HOST_LABEL}. */
    public static final String ROOT_LABEL = LABEL_PREFIX + "root";
    public static final String HOST_LABEL = LABEL_PREFIX + "host";
    /** On a build volume that is an overlay: the volume of its checkout that holds its layers. */
    public static final String LAYERS_LABEL = LABEL_PREFIX + "layers";
    public static final String GO_CACHE_ROLE = "go-cache";
    public static final String IMAGE_REPOSITORY = "kube-mvn-build";

    /**
     * @param treeHash     see {@link TreeHash}
     * @param imageVersion {@code build/build-image/VERSION}
     * @param crossTag     the cross image tag
     */
    public static BuildNames of(String treeHash, String imageVersion, String crossTag) {
        return new BuildNames(treeHash, imageVersion + "-" + crossTag);
    }

    public String imageTagBase() {
        return "build-" + treeHash;
    }

    public String imageTag() {
        return imageTagBase() + "-" + version;
    }

    public String image() {
        return IMAGE_REPOSITORY + ":" + imageTag();
    }

    public String buildContainerBase() {
        return "kube-mvn-build-" + treeHash;
    }

    public String buildContainer() {
        return buildContainerBase() + "-" + version;
    }

    public String rsyncContainerBase() {
        return "kube-mvn-rsync-" + treeHash;
    }

    public String rsyncContainer() {
        return rsyncContainerBase() + "-" + version;
    }

    public String dataContainerBase() {
        return "kube-mvn-data-" + treeHash;
    }

    public String dataContainer() {
        return dataContainerBase() + "-" + version;
    }

    /** The volume that keeps one data directory, for example {@code src} or {@code go-pkg-linux_amd64_cgo}. */
    public String dataVolume(String purpose) {
        return dataContainer() + "-" + purpose;
    }

    /** The Go build cache every tree and branch built with this build-image version shares on an engine. */
    public String goCacheVolume() {
        return "kube-mvn-go-cache-" + version;
    }

    /** The Go build cache of one release build of this tree, made empty for it and removed after it. */
    public String freshGoCacheVolume() {
        return dataContainer() + "-release-go-cache";
    }

    /** The labels of the shared Go build cache: its version and role, and no tree. */
    public Map<String, String> goCacheLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(VERSION_LABEL, version);
        labels.put(ROLE_LABEL, GO_CACHE_ROLE);
        return labels;
    }

    /** The labels that mark an object as this tree's, with its role (image, data, rsync, build, volume). */
    public Map<String, String> labels(String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(TREE_LABEL, treeHash);
        labels.put(VERSION_LABEL, version);
        labels.put(ROLE_LABEL, role);
        return labels;
    }

    /** The label filter that finds everything of this tree, whatever its version or role. */
    public Map<String, String> treeFilter() {
        return Map.of(TREE_LABEL, treeHash);
    }
}
