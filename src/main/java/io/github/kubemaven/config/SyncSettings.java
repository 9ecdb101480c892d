package io.github.kubemaven.config;

/**
 * How sources reach the build container and results come back.
 *
 * @param mode          rsync through the data volume, or the tree mounted into the build container; null when the user
 *                      chose neither: rsync, unless the build image has no rsync and the engine is on this machine
 * @param rsyncPort     KUBE_RSYNC_PORT, or null for an ephemeral port
 * @param rsyncCompress KUBE_RSYNC_COMPRESS, 0 for none
 * @param keepGenerated keep generated files in the build volume between runs, for make to decide what to redo
 * @param transport     how the host's rsync reaches the daemon in the rsync container; null to let the engine decide
 *                      ({@link #transportFor})
 */
public record SyncSettings(SyncMode mode, Integer rsyncPort, int rsyncCompress, boolean keepGenerated, RsyncTransport transport) {

    /** How the host's rsync reaches the daemon in the rsync container. */
    public enum RsyncTransport {
        /** Over the Engine API connection itself: an attached exec per transfer; works on any engine. */
        API,
        /** Over a port the container publishes on the engine host's 127.0.0.1, as upstream does; local engines only. */
        PORT
    }

    /** How sources reach the build container. */
    public enum SyncMode {
        /** Upstream's three containers: a data volume, synced in and out with rsync. */
        RSYNC,
        /** The tree itself is mounted into the build container, as newer Kubernetes releases do; local engines only. */
        BIND
    }

    /**
     * The transport for an engine: the one asked for, else a published port on an engine of this machine (measured the
     * faster of the two there, for a fresh volume and for copy-out) and the Engine API anywhere else (the only way).
     */
    public RsyncTransport transportFor(boolean engineOnThisMachine) {
        if (transport != null) {
            return transport;
        }
        return engineOnThisMachine ? RsyncTransport.PORT : RsyncTransport.API;
    }

    public boolean bind() {
        return mode == SyncMode.BIND;
    }

    /** Whether the user chose the way files move (kube.sync), rather than leaving it to the plugin. */
    public boolean chosen() {
        return mode != null;
    }
}
