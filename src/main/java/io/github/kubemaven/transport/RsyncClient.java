package io.github.kubemaven.transport;

import io.github.kubemaven.ground.Progress;

import java.nio.file.Path;
import java.util.List;

/**
 * The rsync client side of a transfer to or from the rsync daemon in the rsync container.
 */
public interface RsyncClient {

    /** True when the daemon at {@code address} ({@code host:port}) answers and accepts this run's password. */
    boolean answers(Path directory, String address);

    /**
     * Copies {@code source} to {@code destination} (a local path or an rsync URL) with mode flags, more flags and
     * filters, telling {@code progress} the files and bytes moved so far.
     *
     * @return the paths rsync left out as no regular file, folder or link (pipes, sockets, devices where the mode
     * does not copy them)
     */
    List<String> transfer(Path directory, String source, String destination, List<String> mode, List<String> filters, List<String> flags,
                  Progress progress);

    /** The files below {@code source} (an rsync URL) that {@code filters} let through, relative to it; no folders. */
    List<String> list(Path directory, String source, List<String> filters);
}
