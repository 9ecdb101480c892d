package io.github.kubemaven.engine.connect;

import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which Docker engine to use and how it was chosen, decided as the docker CLI decides it. The first of these wins:
 * <ol>
 * <li>{@code kube.dockerHost} (the CLI's {@code -H});</li>
 * <li>{@code DOCKER_HOST};</li>
 * <li>the docker context {@code DOCKER_CONTEXT} names;</li>
 * <li>the current context of {@code config.json} in {@code DOCKER_CONFIG} (default {@code ~/.docker});</li>
 * <li>{@code unix:///var/run/docker.sock}.</li>
 * </ol>
 * A blank value counts as unset, and the context {@code default} means the last step.
 *
 * <p>Addresses are read as the CLI reads them: {@code unix://PATH}, {@code tcp://HOST[:PORT]} (2375 when the port is
 * left out; {@code HOST:PORT} alone means tcp), {@code ssh://[USER@]HOST[:PORT]}, {@code npipe://}.
 *
 * <p>TLS applies to tcp addresses only. For an address from the first two steps, or the default one, it follows the
 * environment as the CLI does: TLS is on when {@code DOCKER_TLS_VERIFY} or {@code DOCKER_TLS} is set to anything (so
 * {@code DOCKER_TLS_VERIFY=0} turns verification on too), and the engine's certificate is verified only with
 * {@code DOCKER_TLS_VERIFY}. The files are {@code ca.pem} (required), {@code cert.pem} and {@code key.pem} in
 * {@code DOCKER_CERT_PATH}, default the configuration directory. Certificate files alone, without either variable, do
 * not turn TLS on (neither does the CLI); with TLS on and no address, the engine is {@code tcp://localhost:2376}.
 * A context uses TLS when its TLS folder holds any of the three files or its endpoint sets {@code SkipTLSVerify};
 * every file is optional there, and {@code SkipTLSVerify} means no verification.
 *
 * @param host         the address, normalized: {@code unix:///var/run/docker.sock}, {@code tcp://10.0.0.2:2376},
 *                     {@code ssh://builder}
 * @param tlsDirectory the folder of ca.pem, cert.pem and key.pem; null: no TLS
 * @param tlsVerify    whether the engine's certificate must come from a trusted authority and name the host
 * @param origin       how the engine was chosen, for the log: {@code DOCKER_HOST}, {@code docker context second,
 *                     named by DOCKER_CONTEXT}
 */
public record EngineEndpoint(String host, Path tlsDirectory, boolean tlsVerify, String origin) {

    static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";
    static final String DEFAULT_TLS_ADDRESS = "tcp://localhost:2376";
    private static final int DEFAULT_TCP_PORT = 2375;
    /** A host name, an IPv4 or IPv6 address, or nothing (localhost). */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._:%-]*");

    /**
     * Decides the engine for {@code explicitHost} (kube.dockerHost, null or blank when unset), the variables of
     * {@code environment} and the docker configuration under {@code userHome}; reads no file it does not need, and
     * fails in one line that names the value at fault.
     */
    public static EngineEndpoint resolve(String explicitHost, Map<String, String> environment, Path userHome) {
        DockerContexts contexts = DockerContexts.of(environment, userHome);
        if (explicitHost != null && !explicitHost.isBlank()) {
            return fromAddress(explicitHost, "kube.dockerHost", environment, contexts);
        }
        Optional<String> dockerHost = variable(environment, "DOCKER_HOST");
        if (dockerHost.isPresent()) {
            return fromAddress(dockerHost.get(), "DOCKER_HOST", environment, contexts);
        }
        Optional<String> contextVariable = variable(environment, "DOCKER_CONTEXT");
        if (contextVariable.isPresent()) {
            return fromContext(contextVariable.get(), "named by DOCKER_CONTEXT", environment, contexts);
        }
        Optional<String> current = contexts.currentContext();
        if (current.isPresent()) {
            return fromContext(current.get(), "the current one in " + contexts.configFile(), environment, contexts);
        }
        return fromAddress("", null, environment, contexts);
    }

    /**
     * Whether the engine runs on this machine and so sees its files: a unix socket, or TCP to a loopback address. An
     * ssh address counts as elsewhere even when it names this machine.
     */
    public boolean onThisMachine() {
        if (host.startsWith("unix://")) {
            return true;
        }
        if (!host.startsWith("tcp://")) {
            return false;
        }
        String address = host.substring("tcp://".length()).replaceFirst("/.*$", "");
        String name = address.startsWith("[") ? address.substring(1, address.indexOf(']')) : address.replaceFirst(":\\d+$", "");
        return name.equals("localhost") || name.startsWith("127.") || name.equals("::1");
    }

    /**
     * Whether registry logins may travel to the engine: over a unix socket or named pipe of this machine, over ssh
     * (tunnelled to a local socket) or over TLS; never over plain TCP, where anyone on the way reads them.
     */
    public boolean receivesCredentials() {
        return !host.startsWith("tcp://") || tlsDirectory != null;
    }

    /** The address and how it was chosen, for the log and for messages. */
    public String describe() {
        String unverified = tlsDirectory != null && !tlsVerify ? ", TLS without verification" : "";
        return host + " (from " + origin + unverified + ")";
    }

    /** An address from kube.dockerHost, DOCKER_HOST or the default one ({@code origin} null), with TLS as the variables say. */
    private static EngineEndpoint fromAddress(String address, String origin, Map<String, String> environment,
                                                  DockerContexts contexts) {
        boolean verify = variable(environment, "DOCKER_TLS_VERIFY").isPresent();
        boolean tls = verify || variable(environment, "DOCKER_TLS").isPresent();
        String described = origin == null ? (tls ? "the default TLS address" : "the default socket") : origin;
        String host = normalize(address, tls, described);
        if (!tls || !host.startsWith("tcp://")) {
            return new EngineEndpoint(host, null, false, described);
        }
        Path certificates = variable(environment, "DOCKER_CERT_PATH").map(Path::of).orElse(contexts.directory());
        Path ca = certificates.resolve(EngineTls.CA);
        if (!Files.isRegularFile(ca)) {
            throw new KubeBuildException((verify ? "DOCKER_TLS_VERIFY" : "DOCKER_TLS") + " asks for TLS with the Docker engine at "
                    + host + " (from " + described + "), but there is no " + ca + ".", Hints.DOCKER_TLS_FILES);
        }
        return new EngineEndpoint(host, certificates, verify, described);
    }

    private static EngineEndpoint fromContext(String name, String how, Map<String, String> environment,
                                              DockerContexts contexts) {
        String origin = "docker context " + name + ", " + how;
        if (name.equals(DockerContexts.DEFAULT_CONTEXT)) {
            return fromAddress("", origin, environment, contexts);
        }
        DockerContexts.Context context = contexts.read(name, "docker context " + name + " (" + how + ")");
        String host = normalize(context.host(), false, origin);
        boolean tls = host.startsWith("tcp://") && (context.skipTlsVerify() || hasTlsFiles(context.tlsDirectory()));
        return new EngineEndpoint(host, tls ? context.tlsDirectory() : null, tls && !context.skipTlsVerify(), origin);
    }

    private static boolean hasTlsFiles(Path directory) {
        return Files.exists(directory.resolve(EngineTls.CA)) || Files.exists(directory.resolve(EngineTls.CERTIFICATE))
                || Files.exists(directory.resolve(EngineTls.KEY));
    }

    private static Optional<String> variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The address in the docker CLI's normal form; {@code origin} names where it came from for the message. */
    private static String normalize(String address, boolean tls, String origin) {
        try {
            return normalize(address.strip(), tls);
        } catch (IllegalArgumentException e) {
            throw new KubeBuildException("The Docker engine address '" + address + "' from " + origin + " is not valid: "
                    + e.getMessage() + ".", Hints.DOCKER_HOST_FORMAT);
        }
    }

    static String normalize(String address, boolean tls) {
        if (address.isEmpty()) {
            return tls ? DEFAULT_TLS_ADDRESS : DEFAULT_SOCKET;
        }
        int separator = address.indexOf("://");
        String scheme = separator < 0 ? "tcp" : address.substring(0, separator);
        String rest = separator < 0 ? address : address.substring(separator + 3);
        switch (scheme) {
            case "tcp":
                return tcp(rest);
            case "unix":
            case "npipe":
                if (rest.contains("://")) {
                    throw new IllegalArgumentException("it holds a second scheme");
                }
                return scheme + "://" + (rest.isEmpty() && scheme.equals("unix") ? "/var/run/docker.sock" : rest);
            case "ssh":
                SshDestination.parse(address);
                return address;
            default:
                throw new IllegalArgumentException("the scheme '" + scheme + "' is none of unix, tcp, ssh and npipe");
        }
    }

    private static String tcp(String rest) {
        if (rest.contains("://")) {
            throw new IllegalArgumentException("it holds a second scheme");
        }
        int slash = rest.indexOf('/');
        HostPort hostPort = HostPort.parse(slash < 0 ? rest : rest.substring(0, slash));
        if (!HOST_NAME.matcher(hostPort.host()).matches()) {
            throw new IllegalArgumentException("'" + hostPort.host() + "' is not a host name or address");
        }
        return "tcp://" + (hostPort.host().isEmpty() ? "localhost" : hostPort.addressHost()) + ":"
                + (hostPort.port().isEmpty() ? DEFAULT_TCP_PORT : hostPort.portNumber()) + (slash < 0 ? "" : rest.substring(slash));
    }
}
