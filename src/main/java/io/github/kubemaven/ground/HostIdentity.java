package io.github.kubemaven.ground;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who and where the build runs: the host name upstream hashes and gives the containers, and the uid:gid
 * the containers run as so that files come back owned by the user.
 */
public record HostIdentity(String hostname, String uid, String gid) {

    public static HostIdentity current() {
        return new HostIdentity(thisHostname(), id("-u"), id("-g"));
    }

    public String user() {
        return uid + ":" + gid;
    }

    /** This machine's host name, as upstream's scripts read it. */
    public static String thisHostname() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String id(String flag) {
        HostProcess.Result result = HostProcess.of("id", flag).capture();
        return result.succeeded() ? result.stdout().strip() : "0";
    }
}
