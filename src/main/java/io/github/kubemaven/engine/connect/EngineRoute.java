package io.github.kubemaven.engine.connect;

import com.github.dockerjava.transport.SSLConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * How docker-java reaches an {@link EngineEndpoint}: straight at its address, or through a private local socket where
 * its transport cannot go by itself. That is ssh ({@link SshEngineTunnel}), and TLS without verification: the transport
 * checks the engine's host name against its certificate whatever it is told to trust, so such TLS is spoken by the
 * relay instead.
 */
public final class EngineRoute implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String dockerHost;
    private final SSLContext tls;
    private final AutoCloseable tunnel;

    private EngineRoute(String dockerHost, SSLContext tls, AutoCloseable tunnel) {
        this.dockerHost = dockerHost;
        this.tls = tls;
        this.tunnel = tunnel;
    }

    /** Loads the endpoint's TLS files and opens what it needs; an ssh or unverified TLS engine is reached once here. */
    public static EngineRoute open(EngineEndpoint endpoint) {
        SSLContext tls = EngineTls.context(endpoint);
        if (endpoint.host().startsWith("ssh://")) {
            SshEngineTunnel tunnel = SshEngineTunnel.open(endpoint);
            return new EngineRoute(tunnel.dockerHost(), null, tunnel);
        }
        if (tls != null && !endpoint.tlsVerify()) {
            UnixSocketRelay relay = unverifiedTlsRelay(endpoint, tls);
            return new EngineRoute(relay.dockerHost(), null, relay);
        }
        return new EngineRoute(endpoint.host(), tls, null);
    }

    /** The address docker-java connects to. */
    public String dockerHost() {
        return dockerHost;
    }

    /** The TLS docker-java speaks itself, or null. */
    public SSLConfig sslConfig() {
        return tls == null ? null : () -> tls;
    }

    @Override
    public void close() {
        if (tunnel != null) {
            try {
                tunnel.close();
            } catch (Exception ignored) {
                // a tunnel ends its connections whatever fails
            }
        }
    }

    private static UnixSocketRelay unverifiedTlsRelay(EngineEndpoint endpoint, SSLContext tls) {
        HostPort address = HostPort.parse(endpoint.host().substring("tcp://".length()).replaceFirst("/.*", ""));
        String host = address.host();
        int port = address.portNumber();
        UnixSocketRelay.Dialer dialer = () -> {
            Socket plain = new Socket();
            try {
                plain.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
                SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
                socket.startHandshake();
                return new TlsStream(socket);
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
        };
        try {
            dialer.dial().close();
        } catch (IOException e) {
            throw new EngineUnavailableException(endpoint.describe(), e);
        }
        return UnixSocketRelay.start("tls", endpoint.describe(), dialer);
    }

    /** One TLS connection to the engine. */
    private record TlsStream(SSLSocket socket, InputStream input, OutputStream output)
            implements UnixSocketRelay.EngineStream {

        TlsStream(SSLSocket socket) throws IOException {
            this(socket, socket.getInputStream(), socket.getOutputStream());
        }

        @Override
        public void endOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
