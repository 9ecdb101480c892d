package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.Attachment;
import io.github.kubemaven.builders.containers.BuildContainer;
import io.github.kubemaven.builders.containers.ContainerSession;
import io.github.kubemaven.builders.containers.FreshGoCache;
import io.github.kubemaven.builders.containers.GoBuildCache;
import io.github.kubemaven.builders.containers.MakeEnvironment;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.release.BinaryOrigins;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.tree.EscapingEntries;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The tree itself mounted into the build container, as newer Kubernetes releases do: no data or rsync container,
 * and the results land in the tree as the command writes them. Local engines only.
 */
public final class BindMountBuilder implements ContainerBuilder {

    /** The name of this builder's up-to-date records. */
    static final String RECORD_NAME = "bind";
    /** How this builder moves the tree, as its up-to-date key says. */
    static final String RECORD_SYNC = "BIND";

    private final ContainerSession session;
    private final PhaseTimer timer;
    private final BuildContainer container;

    public BindMountBuilder(ContainerSession session, PhaseTimer timer) {
        this.session = session;
        this.timer = timer;
        this.container = new BuildContainer(session, null, () -> { });
    }

    @Override
    public String recordName() {
        return RECORD_NAME;
    }

    @Override
    public String recordKey(List<String> command) {
        return session.recordKey(RECORD_SYNC, command);
    }

    @Override
    public Path binaryFolder() {
        return session.binaryFolder();
    }

    @Override
    public boolean writesTree() {
        return true;
    }

    @Override
    public void run(List<String> command, TreeSnapshot tree, boolean copyOutput) {
        FreshGoCache fresh = null;
        try {
            if (session.freshGoCache()) {
                mountPointInTree();
                fresh = FreshGoCache.make(session);
                container.mount(fresh.volume(), GoBuildCache.PATH);
                timer.done("fresh go cache");
            }
            session.log().info("Running build command in " + session.root() + " (kube.sync=bind): " + String.join(" ", command));
            runKeepingTheTreeInside(command);
            timer.done("command");
        } finally {
            if (fresh != null) {
                fresh.remove();
            }
        }
        binariesAreCurrent();
    }

    /**
     * Makes the tree's folder of the Go build cache, where the fresh one is mounted, as the host's user: the engine would
     * make a missing one as root.
     */
    private void mountPointInTree() {
        LinkFreePaths.createFolders(session.root(), session.root().resolve(GoBuildCache.PATH.substring(MakeEnvironment.REMOTE_ROOT.length() + 1)));
    }

    /**
     * Runs the command, then removes what it made in the tree that reaches outside it or is no file (see
     * {@link EscapingEntries}) and notes the binaries it made (see {@link BinaryOrigins}).
     */
    private void runKeepingTheTreeInside(List<String> command) {
        BinaryOrigins origins = BinaryOrigins.of(session.root());
        Map<String, String> before = origins.shapes();
        Map<String, String> escapingBefore = EscapingEntries.of(session.root());
        try {
            container.run(command, Attachment.LOG_ONLY);
        } finally {
            Map<String, String> removed = EscapingEntries.removeNewSince(session.root(), escapingBefore);
            if (!removed.isEmpty()) {
                List<String> named = new java.util.ArrayList<>();
                removed.forEach((path, what) -> named.add(path + " (" + what + ")"));
                session.log().warn("Removed from the tree what the build made that is no regular file or link inside the tree: "
                        + String.join(", ", named));
            }
        }
        origins.noteChangedSince(before, session.versionDefs());
    }

    @Override
    public void shell(List<String> command, Attachment attachment) {
        container.run(command, attachment);
    }

    /** The binaries the tree holds are what this command builds now: packaging takes their version stamp. */
    @Override
    public void binariesAreCurrent() {
        session.builtState(true).write(BuiltState.fileOf(session.root()));
    }

    @Override
    public void close() {
        session.close();
    }
}
