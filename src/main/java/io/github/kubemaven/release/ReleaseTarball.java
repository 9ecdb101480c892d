package io.github.kubemaven.release;

import java.nio.file.Path;

/**
 * One release tarball and the classifier it is published under: {@code kubernetes-client-linux-amd64.tar.gz}
 * is {@code client-linux-amd64}; {@code kubernetes.tar.gz} has none.
 */
public record ReleaseTarball(Path file, String classifier) {

    public static ReleaseTarball of(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".tar.gz") ? name.substring(0, name.length() - ".tar.gz".length()) : name;
        String classifier = stem.equals("kubernetes") ? null
                : stem.startsWith("kubernetes-") ? stem.substring("kubernetes-".length()) : stem;
        return new ReleaseTarball(file, classifier);
    }
}
