package io.github.kubemaven.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An image build as {@code docker build} asks for one.
 *
 * @param contextArchive the build context as a tar archive
 * @param dockerfile     the Dockerfile's path inside the archive
 * @param tags           the names the image gets ({@code repository:tag}); may be empty
 * @param target         the stage to build, or null for the last one
 * @param pull           whether the base images are pulled even when the engine has them
 */
public record ImageBuild(Path contextArchive, String dockerfile, List<String> tags, Map<String, String> buildArguments,
                         Map<String, String> labels, String target, boolean pull) {

    public ImageBuild {
        tags = List.copyOf(tags);
        buildArguments = Map.copyOf(buildArguments);
        labels = Map.copyOf(labels);
    }
}
