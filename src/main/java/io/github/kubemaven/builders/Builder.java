package io.github.kubemaven.builders;

import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * One way of running the build's command on a tree: the rsync pipeline of three containers, the tree mounted into
 * the build container, or make on the host. The up-to-date check ({@link UpToDateBuilder}) wraps any of them.
 */
public interface Builder extends AutoCloseable {

    /** The name of this way of building in its up-to-date records, {@code _output/kube-maven/build-<name>-<branch>.stamp}. */
    String recordName();

    /**
     * What the command's results depend on besides the tree's files: the toolchain, the way of building, the command
     * and its environment, the version stamp.
     */
    String recordKey(List<String> command);

    /** Where the binaries land in the tree. */
    Path binaryFolder();

    /** Whether the command writes into the tree itself, so that files it rewrites unchanged must be told from edits. */
    boolean writesTree();

    /**
     * Runs the command.
     *
     * @param tree       the tree as read just before, or null to read it where it is needed
     * @param copyOutput bring binaries and generated files back into the tree afterwards
     */
    void run(List<String> command, TreeSnapshot tree, boolean copyOutput);

    /**
     * Told that the tree's binaries are what the command would build now, found without running it (the same build, or
     * another branch's of the same key, restored): a builder that notes what its binaries were built from does so.
     */
    default void binariesAreCurrent() {
    }

    @Override
    void close();
}
