package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.TreeCleanup;
import io.github.kubemaven.builders.containers.TreeRun;
import io.github.kubemaven.config.BuildSettings;
import io.github.kubemaven.engine.EngineGlance;
import io.github.kubemaven.engine.ImageInfo;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Futures;
import io.github.kubemaven.image.BuildContext;
import io.github.kubemaven.naming.BuildNames;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.stamp.Verdict;
import io.github.kubemaven.transport.SentRecord;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The up-to-date check of the rsync pipeline or the bind mount, made before the engine client is loaded: when the
 * engine holds the same cross image, nothing is left of an earlier run of this tree, and the record says the tree is as
 * its last successful build saw it, the run ends here with the same outcome the full check would reach. Whatever it
 * cannot tell leaves the decision to the full check.
 */
public final class QuickSkip {

    private QuickSkip() {
    }

    /**
     * Whether the command was found up to date, and so skipped (said in the log, and the binaries' version stamp noted
     * for packaging); false leaves everything to the full check.
     */
    public static boolean skipped(TreeRun run, EngineGlance glance, List<String> command, CompletableFuture<TreeSnapshot> sources,
                                  BuildLog log) {
        BuildNames names = run.names();
        Optional<List<Map<String, String>>> containers = glance.containerLabels(names.treeFilter());
        if (containers.isEmpty() || containers.get().stream().anyMatch(TreeCleanup::leftByARun)) {
            return false;
        }
        String crossReference = run.crossReference();
        Optional<ImageInfo> cross = glance.inspectImage(crossReference);
        if (cross.isEmpty()) {
            return false;
        }
        TreeRun.Stamp stamp = run.stamp(log);
        BuildContext context = run.writeContext(names, cross.get().id());
        Map<String, String> environment = run.environment(stamp.sourceDateEpoch());
        BuildSettings settings = run.settings();
        boolean bind = settings.sync().bind();
        boolean fresh = settings.caches().freshGoCache();
        String key = TreeRun.recordKey(TreeRun.CONTEXT + context.fingerprint(), bind ? BindMountBuilder.RECORD_SYNC : RsyncPipelineBuilder.RECORD_SYNC,
                fresh, command, environment, stamp.defs());
        Path root = run.root();
        var record = UpToDateBuilder.record(root, run.binaryFolder(), bind ? BindMountBuilder.RECORD_NAME : RsyncPipelineBuilder.RECORD_NAME,
                key, bind, log);
        Optional<Verdict> unchanged = record.unchanged(String.join(" ", command), () -> Futures.awaited(sources));
        if (unchanged.isEmpty()) {
            return false;
        }
        SentRecord.retimeEvery(root, unchanged.get().retimed());
        log.debug("Docker engine at " + glance.endpoint() + " holds the cross image " + crossReference + " as recorded");
        new BuiltState(stamp.defs(), stamp.sourceDateEpoch(), BuiltState.flagsOf(environment), context.fingerprint(), crossReference,
                cross.get().id(), TreeRun.goCacheOf(names, bind, fresh)).write(BuiltState.fileOf(root));
        return true;
    }
}
