package io.github.kubemaven.builders;

import io.github.kubemaven.builders.containers.MakeEnvironment;
import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.CommandFailedException;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.tree.TreeSnapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One build of several platforms spread over several engines: each engine builds its share of the platforms
 * ({@link PlatformSplit}) with the rsync pipeline of its own image and data container, all at once, and copies its
 * binaries into the tree. When one fails the others are stopped, and the build fails naming the engine and its
 * platforms; or, when asked, its platforms move to an engine whose share succeeded.
 */
public final class ShardedBuilder implements Builder {

    /** The engines (their addresses) that built {@code platforms} last in the tree at {@code root}, where their state is. */
    public static Set<String> lastEngines(Path root, List<String> platforms) {
        return PlatformSplit.recordedIn(root).lastEngines(platforms);
    }


    /** One engine's pipeline, by its address. */
    public record Engine(String address, RsyncPipelineBuilder pipeline) {
    }

    private final List<Engine> engines;
    private final Map<String, Engine> byAddress = new LinkedHashMap<>();
    private final List<String> platforms;
    private final boolean retry;
    private final Path root;
    private final BuildLog log;
    /** The engines whose share was stopped because another's failed. */
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    /**
     * @param engines   the engines, each with a pipeline opened on the whole build's settings
     * @param platforms the platforms to spread, as KUBE_BUILD_PLATFORMS names them
     * @param retry     move a failed engine's platforms to one whose share succeeded
     */
    public ShardedBuilder(List<Engine> engines, List<String> platforms, boolean retry, Path root, BuildLog log) {
        this.engines = List.copyOf(engines);
        engines.forEach(engine -> byAddress.put(engine.address(), engine));
        this.platforms = List.copyOf(platforms);
        this.retry = retry;
        this.root = root;
        this.log = log;
    }

    @Override
    public String recordName() {
        return "rsync";
    }

    /** The first engine's key, which holds every platform: the same whichever engines built which share. */
    @Override
    public String recordKey(List<String> command) {
        return engines.get(0).pipeline().recordKey(command);
    }

    @Override
    public Path binaryFolder() {
        return engines.get(0).pipeline().binaryFolder();
    }

    @Override
    public boolean writesTree() {
        return false;
    }

    /**
     * Whether {@code command} builds the platforms KUBE_BUILD_PLATFORMS names and nothing else: make with no targets but
     * {@code all} and {@code cross}. Cross builds each group of targets for the platforms KUBE_BUILD_PLATFORMS names (those
     * the group supports), so a share of the platforms builds every group's binaries for that share. Other targets
     * (tests), other commands, and a command that sets KUBE_BUILD_PLATFORMS itself are not split.
     */
    static boolean splits(List<String> command) {
        return !command.isEmpty() && command.get(0).equals("make")
                && command.stream().skip(1).allMatch(word -> word.contains("=") || word.equals("all") || word.equals("cross"))
                && command.stream().noneMatch(word -> word.startsWith(MakeEnvironment.PLATFORMS + "="));
    }

    @Override
    public void run(List<String> command, TreeSnapshot tree, boolean copyOutput) {
        if (!splits(command)) {
            Engine first = engines.get(0);
            log.info("'" + String.join(" ", command) + "' builds no share of platforms: it runs on " + first.address() + " alone");
            first.pipeline().run(command, tree, copyOutput);
            return;
        }
        PlatformSplit costs = PlatformSplit.recordedIn(root);
        Map<String, List<String>> shares = costs.split(platforms, engines.stream().map(Engine::address).toList());
        shares.forEach((address, share) -> log.info("Engine " + address + " builds " + String.join(" ", share)));

        List<Outcome> outcomes = runAll(shares, command, tree, copyOutput);
        Outcome failed = outcomes.stream().filter(outcome -> outcome.failed() && !stopped.contains(outcome.address())).findFirst()
                .or(() -> outcomes.stream().filter(Outcome::failed).findFirst()).orElse(null);
        if (failed != null && retry) {
            failed = retryOnHealthy(outcomes, command, tree, copyOutput);
        }
        for (Outcome outcome : outcomes) {
            if (!outcome.failed()) {
                costs.took(outcome.platforms(), outcome.seconds());
                costs.builtOn(outcome.platforms(), outcome.address());
            }
        }
        try {
            costs.writeTo(root);
        } catch (KubeBuildException e) {
            log.warn("The seconds each platform took are not kept for the next split: " + e.getMessage());
        }
        for (Outcome outcome : outcomes) {
            String ended = !outcome.failed() ? "built" : stopped.contains(outcome.address()) ? "stopped" : "failed";
            log.info(String.format(Locale.ROOT, "Engine %s: %s %s in %.1f s", outcome.address(), String.join(" ", outcome.platforms()),
                    ended, outcome.seconds()));
        }
        if (failed != null) {
            throw describe(failed);
        }
        if (copyOutput) {
            binariesAreCurrent();
        }
    }

    /** How one engine's share ended. */
    private record Outcome(String address, List<String> platforms, double seconds, RuntimeException failure) {
        boolean failed() {
            return failure != null;
        }
    }

    /** Runs every share at once; the first to fail, unless retrying, stops the rest. */
    private List<Outcome> runAll(Map<String, List<String>> shares, List<String> command, TreeSnapshot tree, boolean copyOutput) {
        AtomicBoolean oneFailed = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(shares.size(), task -> {
            Thread thread = new Thread(task, "kube-engine-share");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, CompletableFuture<Outcome>> running = new LinkedHashMap<>();
            shares.forEach((address, share) -> running.put(address, CompletableFuture.supplyAsync(
                    () -> build(byAddress.get(address), share, command, tree, copyOutput), threads)));
            running.forEach((address, future) -> future.whenComplete((outcome, error) -> {
                if ((error != null || outcome.failed()) && oneFailed.compareAndSet(false, true)) {
                    stopAllBut(address, running);
                }
            }));
            List<Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<Outcome> future : running.values()) {
                try {
                    outcomes.add(future.join());
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private void stopAllBut(String address, Map<String, CompletableFuture<Outcome>> running) {
        if (retry) {
            return;
        }
        running.forEach((other, future) -> {
            if (!other.equals(address) && !future.isDone()) {
                stopped.add(other);
                byAddress.get(other).pipeline().session().reaper().stopAll();
            }
        });
    }

    private Outcome build(Engine engine, List<String> share, List<String> command, TreeSnapshot tree, boolean copyOutput) {
        long start = System.nanoTime();
        try {
            engine.pipeline().forPlatforms(share).run(command, tree, copyOutput);
            return new Outcome(engine.address(), share, (System.nanoTime() - start) / 1e9, null);
        } catch (RuntimeException e) {
            return new Outcome(engine.address(), share, (System.nanoTime() - start) / 1e9, e);
        }
    }

    /**
     * Builds each failed share again on an engine whose share succeeded, one after another.
     *
     * @return the first failure that remains, or null
     */
    private Outcome retryOnHealthy(List<Outcome> outcomes, List<String> command, TreeSnapshot tree, boolean copyOutput) {
        Engine healthy = outcomes.stream().filter(outcome -> !outcome.failed()).findFirst()
                .map(outcome -> byAddress.get(outcome.address())).orElse(null);
        Outcome remaining = null;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (!outcome.failed()) {
                continue;
            }
            if (healthy == null) {
                remaining = remaining == null ? outcome : remaining;
                continue;
            }
            log.warn("Engine " + outcome.address() + " failed (" + firstLine(outcome.failure()) + "); building "
                    + String.join(" ", outcome.platforms()) + " on " + healthy.address() + " (kube.engineRetry)");
            Outcome again = build(healthy, outcome.platforms(), command, tree, copyOutput);
            outcomes.set(i, again);
            if (again.failed() && remaining == null) {
                remaining = again;
            }
        }
        return remaining;
    }

    private static String firstLine(RuntimeException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.lines().findFirst().orElse(message);
    }

    private static KubeBuildException describe(Outcome failed) {
        String where = "On engine " + failed.address() + ", building " + String.join(" ", failed.platforms());
        if (failed.failure() instanceof CommandFailedException command) {
            return command.at(where);
        }
        String hint = failed.failure() instanceof KubeBuildException known && known.hint() != null
                ? known.hint() + " " + Hints.SHARE_FAILED : Hints.SHARE_FAILED;
        return new KubeBuildException(where + ": " + firstLine(failed.failure()), hint, failed.failure());
    }

    @Override
    public void binariesAreCurrent() {
        engines.get(0).pipeline().session().builtState(false).write(BuiltState.fileOf(root));
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Engine engine : engines) {
            try {
                engine.pipeline().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
