package io.github.kubemaven.transport;

import io.github.kubemaven.engine.DockerEngine;
import io.github.kubemaven.ground.BuildLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A port on this machine's loopback whose every connection is carried to a command in a running container through an
 * attached exec, so that the host's rsync reaches {@code rsync --server --daemon} in the rsync container over the
 * Engine API connection alone: nothing is published on the engine's host, and an engine reached over TCP, ssh or a
 * Podman socket serves as well as a local one.
 */
public final class ExecTunnel implements AutoCloseable {

    /** The JDK may finish closing a socket blocked in accept on the accepting thread; close waits that long for it. */
    private static final long ACCEPTOR_END_MILLIS = 5_000;
    /**
     * How many connections are carried at once: a run makes one at a time, and the daemon's processes count their
     * connection a moment after it closed. A connection past these waits, unaccepted, until one ends; the daemon ends
     * one that has not given the password within {@link RsyncDaemonFiles#ADMISSION}.
     */
    static final int MOST_CONNECTIONS = 4;

    private final DockerEngine engine;
    private final String container;
    private final List<String> command;
    private final BuildLog log;
    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore places = new Semaphore(MOST_CONNECTIONS);
    private final Thread acceptor;
    private volatile RuntimeException failure;

    private ExecTunnel(DockerEngine engine, String container, List<String> command, BuildLog log, ServerSocket server) {
        this.engine = engine;
        this.container = container;
        this.command = command;
        this.log = log;
        this.server = server;
        this.acceptor = new Thread(this::accept, "kube-exec-tunnel");
        acceptor.setDaemon(true);
    }

    /** Listens on an ephemeral loopback port; each connection runs {@code command} in {@code container}. */
    public static ExecTunnel open(DockerEngine engine, String container, List<String> command, BuildLog log) {
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), MOST_CONNECTIONS);
        } catch (IOException e) {
            throw new UncheckedIOException("no loopback port for the rsync tunnel", e);
        }
        ExecTunnel tunnel = new ExecTunnel(engine, container, command, log, server);
        tunnel.acceptor.start();
        return tunnel;
    }

    /** {@code host:port} for the client to connect to. */
    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** What made the last connection fail on the engine's side (the engine stopped answering, say), if anything. */
    public RuntimeException failure() {
        return failure;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                places.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                socket = server.accept();
            } catch (IOException e) {
                places.release();
                return;
            }
            connections.add(socket);
            Thread carrier = new Thread(() -> carry(socket), "kube-exec-tunnel-connection");
            carrier.setDaemon(true);
            carrier.start();
        }
    }

    /** Carries one connection; a failure is kept before the connection closes, so that rsync's caller finds it. */
    private void carry(Socket socket) {
        try (socket) {
            try {
                socket.setTcpNoDelay(true);
                int exitCode = engine.exec(container, command, socket.getInputStream(), socket.getOutputStream(),
                        line -> log.debug("rsync daemon: " + line));
                if (exitCode != 0) {
                    log.debug("The rsync daemon in " + container + " ended with exit code " + exitCode);
                }
            } catch (RuntimeException e) {
                failure = e;
                log.debug("rsync tunnel connection failed: " + e.getMessage());
            }
        } catch (IOException e) {
            log.debug("rsync tunnel connection ended: " + e.getMessage());
        } finally {
            connections.remove(socket);
            places.release();
        }
    }

    /** Stops listening (the port is free once this returns) and closes the connections still open. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing more to accept either way
        }
        acceptor.interrupt();
        try {
            acceptor.join(ACCEPTOR_END_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left to do with it
            }
        }
    }
}
