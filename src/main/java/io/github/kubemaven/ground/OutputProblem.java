package io.github.kubemaven.ground;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Why a folder of the tree (its {@code _output/}) cannot be written, in one line.
 */
public final class OutputProblem {

    private OutputProblem() {
    }

    public static KubeBuildException of(Path folder, IOException e) {
        return new KubeBuildException("Cannot write " + folder + ": " + reason(e) + ".",
                Hints.writableOutput(folder), e);
    }

    /** The file system's own words for a failure: "permission denied", "Read-only file system", ... */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
