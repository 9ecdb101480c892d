package io.github.kubemaven.image;

import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.LinkFreePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * The minimal directory the build image is made from: Dockerfile, rsyncd.sh, localtime and rsyncd.password.
 * Trees' Dockerfiles copy rsyncd.password into the image; what they get is a placeholder, since the rsync daemon
 * gets its password from the plugin at each run and no image layer ever holds a secret.
 */
public final class BuildContext {

    public static final String PASSWORD_FILE = "rsyncd.password";
    static final String PASSWORD_PLACEHOLDER = "no password here: kube-maven-plugin gives the rsync container one at each run\n";
    private static final Path HOST_LOCALTIME = Path.of("/etc/localtime");
    /** Writes one file of the context, never through a link (see {@link LinkFreePaths}). */
    private static void writeFile(Path directory, String name, byte[] content, String permissions) throws IOException {
        Path file = directory.resolve(name);
        LinkFreePaths.writeAtomically(file, out -> out.write(content));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    private static final Path UTC_ZONE = Path.of("/usr/share/zoneinfo/Etc/UTC");

    private final Path directory;
    private final String fingerprint;

    private BuildContext(Path directory, String fingerprint) {
        this.directory = directory;
        this.fingerprint = fingerprint;
    }

    /**
     * Writes the context's files (all but the password) into {@code directory}.
     *
     * @param fingerprintInputs further facts that must rebuild the image when they change, such as the cross image id
     */
    public static BuildContext write(Path directory, String dockerfile, String rsyncdScript,
                                     Map<String, String> fingerprintInputs) {
        try {
            byte[] zone = readZone();
            writeFile(directory, "Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), "rw-r--r--");
            writeFile(directory, "rsyncd.sh", rsyncdScript.getBytes(StandardCharsets.UTF_8), "rwxr-xr-x");
            writeFile(directory, "localtime", zone, "rw-r--r--");
            writeFile(directory, PASSWORD_FILE, PASSWORD_PLACEHOLDER.getBytes(StandardCharsets.US_ASCII), "rw-r--r--");

            MessageDigest digest = Hashing.digest("SHA-256");
            Hashing.update(digest, "Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
            Hashing.update(digest, "rsyncd.sh", rsyncdScript.getBytes(StandardCharsets.UTF_8));
            Hashing.update(digest, "localtime", zone);
            for (Map.Entry<String, String> input : new TreeMap<>(fingerprintInputs).entrySet()) {
                Hashing.update(digest, input.getKey(), input.getValue().getBytes(StandardCharsets.UTF_8));
            }
            return new BuildContext(directory, Hashing.hex(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public String fingerprint() {
        return fingerprint;
    }

    private static byte[] readZone() throws IOException {
        if (Files.isRegularFile(HOST_LOCALTIME)) {
            return Files.readAllBytes(HOST_LOCALTIME);
        }
        if (Files.isRegularFile(UTC_ZONE)) {
            return Files.readAllBytes(UTC_ZONE);
        }
        return new byte[0];
    }

}
