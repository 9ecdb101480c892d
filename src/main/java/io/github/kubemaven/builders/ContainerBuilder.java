package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.Attachment;
import java.util.List;

/**
 * A builder whose command runs in the build container, where a shell can be opened too.
 */
public interface ContainerBuilder extends Builder {

    /** Runs {@code command} (a shell) in the build container with the tree's current sources, attached as asked. */
    void shell(List<String> command, Attachment attachment);
}
