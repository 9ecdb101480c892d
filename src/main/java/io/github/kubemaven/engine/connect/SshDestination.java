package io.github.kubemaven.engine.connect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An engine address {@code ssh://[user@]host[:port][/path of the engine's socket]}, read as the docker CLI reads it,
 * and the ssh command that reaches the engine through {@code docker system dial-stdio} on that host.
 *
 * @param user       the login name, or null for ssh's own choice (~/.ssh/config, the local user)
 * @param host       the host name or address, without brackets
 * @param port       the ssh port, or null for ssh's own choice
 * @param socketPath the engine's socket on that host, or null for the remote docker CLI's default
 */
record SshDestination(String user, String host, Integer port, String socketPath) {

    private static final String SCHEME = "ssh://";
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=-]+");

    /**
     * Reads an ssh address.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static SshDestination parse(String address) {
        if (!address.startsWith(SCHEME)) {
            throw new IllegalArgumentException("it does not start with ssh://");
        }
        String rest = address.substring(SCHEME.length());
        if (rest.contains("?")) {
            throw new IllegalArgumentException("ssh addresses take no query parameters");
        }
        if (rest.contains("#")) {
            throw new IllegalArgumentException("ssh addresses take no fragment");
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        String user = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            user = authority.substring(0, at);
            authority = authority.substring(at + 1);
            if (user.contains(":")) {
                throw new IllegalArgumentException("a password in the address is not supported; use a key");
            }
            if (user.isEmpty()) {
                throw new IllegalArgumentException("the user name before @ is empty");
            }
        }
        HostPort hostPort = HostPort.parse(authority);
        String host = hostPort.host();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host name is empty");
        }
        if (host.startsWith("-")) {
            throw new IllegalArgumentException("a host name cannot start with -");
        }
        return new SshDestination(user, host, hostPort.port().isEmpty() ? null : hostPort.portNumber(),
                path.replaceAll("^/+$", "").isEmpty() ? null : path);
    }

    /**
     * The ssh command that connects standard input and output to the engine, as the docker CLI runs it, plus
     * BatchMode: the build opens many connections and cannot answer a prompt for each, so ssh fails at once where it
     * would ask (keys come from ssh-agent or ~/.ssh/config, which ssh reads as usual).
     */
    List<String> dialCommand(Duration connectTimeout) {
        return dialCommand(connectTimeout, null);
    }

    /**
     * The same, sharing one ssh connection through the master socket {@code controlPath} (none when null): a build opens
     * a connection for every exec, and a new ssh login each time costs a second or more. The master ends
     * {@link #MASTER_LINGER} after its last connection closed, so a run killed outright leaves no ssh behind for long.
     */
    List<String> dialCommand(Duration connectTimeout, Path controlPath) {
        List<String> command = new ArrayList<>(List.of("ssh", "-o", "ConnectTimeout=" + connectTimeout.toSeconds(),
                "-o", "BatchMode=yes", "-T"));
        if (controlPath != null) {
            command.addAll(List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + controlPath,
                    "-o", "ControlPersist=" + MASTER_LINGER.toSeconds()));
        }
        addDestination(command);
        command.add(socketPath == null ? "docker system dial-stdio"
                : "docker " + shellWord("--host=unix://" + socketPath) + " system dial-stdio");
        return command;
    }

    /** ssh's command that ends the master of {@code controlPath}. */
    List<String> exitMasterCommand(Path controlPath) {
        List<String> command = new ArrayList<>(List.of("ssh", "-o", "ControlPath=" + controlPath, "-O", "exit"));
        addDestination(command);
        return command;
    }

    /** The user, port and host of ssh's command line. */
    private void addDestination(List<String> command) {
        if (user != null) {
            command.add("-l");
            command.add(user);
        }
        if (port != null) {
            command.add("-p");
            command.add(port.toString());
        }
        command.add("--");
        command.add(host);
    }

    static final Duration MASTER_LINGER = Duration.ofSeconds(60);

    /** A word for the remote shell, which ssh hands the command to. */
    private static String shellWord(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
