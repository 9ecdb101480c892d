package io.github.kubemaven.stamp;

import io.github.kubemaven.ground.BuildLog;

import java.nio.file.Path;

/**
 * What the parts of an up-to-date record work on: the tree and its binaries, the branch (scope) and key of this run,
 * the record files of the builder and their stash of binaries.
 */
abstract class RecordsInScope {

    protected final Path root;
    protected final Path binaryDir;
    protected final String scope;
    protected final RecordKey key;
    protected final RecordFiles records;
    protected final BinaryStash stash;
    protected final BuildLog log;

    RecordsInScope(Path root, Path binaryDir, String scope, RecordKey key, RecordFiles records, BinaryStash stash, BuildLog log) {
        this.root = root;
        this.binaryDir = binaryDir;
        this.scope = scope;
        this.key = key;
        this.records = records;
        this.stash = stash;
        this.log = log;
    }
}
