package io.github.kubemaven.ground;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** File permissions as the octal mode a tar entry carries. */
public final class PosixModes {

    private PosixModes() {
    }

    /** The permission bits of {@code permissions}, such as 0755. */
    public static int of(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }
}
