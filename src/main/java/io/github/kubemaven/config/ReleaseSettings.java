package io.github.kubemaven.config;

import java.util.Set;

/**
 * What {@code kube:package} makes.
 *
 * @param tarballs     the parts to package ({@code src}, {@code client}, ...), before their needs are added
 * @param crossBuild   run {@code make cross} first; without it the binaries already in {@code _output} are packaged
 * @param serverImages build the server images into the server tarballs, as upstream does
 * @param leftOut      top-level folders of the tree to keep out of the source tarball, such as Maven's target folder
 */
public record ReleaseSettings(Set<String> tarballs, boolean crossBuild, boolean serverImages, Set<String> leftOut) {

    public ReleaseSettings {
        tarballs = Set.copyOf(tarballs);
        leftOut = Set.copyOf(leftOut);
    }
}
