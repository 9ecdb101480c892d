package io.github.kubemaven.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** A tree's makefiles, read as text (make's bytes, whatever their encoding). */
final class Makefiles {

    private Makefiles() {
    }

    /** Whether one of {@code paths} under {@code root} is a file whose text passes {@code test}; an unreadable one does not. */
    static boolean anyPasses(Path root, List<String> paths, Predicate<String> test) {
        for (String path : paths) {
            Path file = root.resolve(path);
            try {
                if (Files.isRegularFile(file) && test.test(Files.readString(file, StandardCharsets.ISO_8859_1))) {
                    return true;
                }
            } catch (IOException e) {
                // read as a makefile that does not pass
            }
        }
        return false;
    }
}
