package io.github.kubemaven.transport;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * What the rsync container of one run gets through the Engine API before it starts: the daemon's script and a
 * password made for this run, as a tar archive for the container's {@value #FOLDER} folder. The password lives
 * in that container alone: in no image, in no other container, and on the host only in this process and the
 * environment of the rsync client it starts.
 */
public final class RsyncDaemonFiles {

    public static final String FOLDER = "/kube-maven-rsyncd";
    public static final String SCRIPT = FOLDER + "/rsyncd.sh";
    /** The daemon of one transfer over the Engine API: it speaks on its standard input and output. */
    public static final List<String> DAEMON_ON_STDIO = List.of("bash", SCRIPT, "stdio");
    /** How long the daemon gives a connection to give the password before it ends it. */
    public static final Duration ADMISSION = Duration.ofSeconds(10);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String password;

    /** What the rsync container runs: the daemon on its port, or, over the Engine API, what waits for {@link #DAEMON_ON_STDIO}. */
    public static List<String> containerCommand(boolean overApi) {
        return List.of("bash", SCRIPT, overApi ? "api" : "port", Long.toString(ADMISSION.toSeconds()));
    }

    private RsyncDaemonFiles(String password) {
        this.password = password;
    }

    /** Files with a new 32-character password. */
    public static RsyncDaemonFiles fresh() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return new RsyncDaemonFiles(password.toString());
    }

    public String password() {
        return password;
    }

    /**
     * The folder, its script and the password, owned by the container's user and readable by it only; unpack at
     * {@code /}.
     */
    public byte[] archive(int uid, int gid) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry folder = new TarArchiveEntry(FOLDER.substring(1) + "/");
            folder.setMode(040700);
            folder.setIds(uid, gid);
            tar.putArchiveEntry(folder);
            tar.closeArchiveEntry();
            add(tar, "rsyncd.sh", script(), 0100700, uid, gid);
            add(tar, "password", password.getBytes(StandardCharsets.US_ASCII), 0100600, uid, gid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode, int uid, int gid)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(FOLDER.substring(1) + "/" + name);
        entry.setMode(mode);
        entry.setIds(uid, gid);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static byte[] script() {
        try (InputStream in = RsyncDaemonFiles.class.getResourceAsStream("/io/github/kubemaven/transport/rsyncd.sh")) {
            if (in == null) {
                throw new IllegalStateException("the rsync daemon script is missing from the plugin");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
