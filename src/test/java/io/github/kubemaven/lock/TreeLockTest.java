package io.github.kubemaven.lock;

import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.RecordingLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TreeLockTest {

    private static final Duration SHORT = Duration.ofMillis(600);
    private static final String THIS_PID = "pid " + ProcessHandle.current().pid();

    @TempDir
    Path root;
    private final RecordingLog log = new RecordingLog();
    private final List<String> lines = log.lines();
    private final ExecutorService otherThreads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        otherThreads.shutdownNow();
        assertThat(otherThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private TreeLock acquire(String purpose, Duration timeout) {
        return TreeLock.acquire(root, purpose, timeout, log);
    }

    private Future<TreeLock> acquireElsewhere(String purpose, Duration timeout) {
        return otherThreads.submit(() -> acquire(purpose, timeout));
    }

    @Test
    void theLockFileSaysWhoHoldsIt() throws IOException {
        try (TreeLock ignored = acquire("kube:build", SHORT)) {
            assertThat(TreeLock.fileOf(root)).isEqualTo(root.resolve("_output/.kube-maven.lock"));
            assertThat(Files.readString(TreeLock.fileOf(root)))
                    .startsWith(THIS_PID + " ")
                    .contains("kube:build")
                    .contains(Thread.currentThread().getName());
        }
    }

    @Test
    void aSecondRunGivesUpAfterItsTimeoutNamingTheHolder() throws Exception {
        try (TreeLock ignored = acquire("kube:build", SHORT)) {
            long start = System.nanoTime();
            Future<TreeLock> second = acquireElsewhere("kube:test", SHORT);

            Throwable failure = catchThrowableOfType(ExecutionException.class,
                    () -> second.get(10, TimeUnit.SECONDS)).getCause();

            assertThat(failure).isInstanceOf(KubeBuildException.class)
                    .hasMessageContaining(root.toString())
                    .hasMessageContaining(THIS_PID)
                    .hasMessageContaining("kube:build");
            assertThat(((KubeBuildException) failure).hint()).contains("kube.lockTimeout");
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .startsWith("Waiting for the lock of " + root + ", held by " + THIS_PID + " (kube:build"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
        }
    }

    @Test
    void onceClosedAnotherRunGetsTheLockAtOnce() throws Exception {
        acquire("kube:build", SHORT).close();

        try (TreeLock next = acquireElsewhere("kube:test", SHORT).get(10, TimeUnit.SECONDS)) {
            assertThat(next).as("a run that waits no longer than SHORT gets the lock").isNotNull();
            assertThat(Files.readString(TreeLock.fileOf(root))).contains("kube:test").doesNotContain("kube:build");
        }
    }

    @Test
    void aWaitingRunGetsTheLockWhenTheHolderCloses() throws Exception {
        TreeLock holder = acquire("kube:build", SHORT);
        Future<TreeLock> waiter = acquireElsewhere("kube:test", Duration.ofSeconds(10));
        Thread.sleep(300);
        assertThat(waiter).isNotDone();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("held by " + THIS_PID + " (kube:build"));

        holder.close();

        try (TreeLock next = waiter.get(10, TimeUnit.SECONDS)) {
            assertThat(Files.readString(TreeLock.fileOf(root))).contains("kube:test");
        }
    }

    @Test
    void afterTheHolderRemovedTheLockFileTheNextRunMakesItAgain() throws Exception {
        try (TreeLock holder = acquire("kube:clean", SHORT)) {
            holder.deleteFile();
            assertThat(TreeLock.fileOf(root)).doesNotExist();
        }

        try (TreeLock next = acquireElsewhere("kube:build", SHORT).get(10, TimeUnit.SECONDS)) {
            assertThat(TreeLock.fileOf(root)).exists();
            assertThat(Files.readString(TreeLock.fileOf(root))).contains("kube:build");
        }
    }

    @Test
    void anOutputFolderThatCannotBeMadeIsNamed() throws Exception {
        Files.writeString(root.resolve("_output"), "a file where the folder goes");

        KubeBuildException failure = catchThrowableOfType(KubeBuildException.class, () -> acquire("kube:build", SHORT));

        assertThat(failure.getMessage()).contains(root.resolve("_output").toString());
        assertThat(failure.hint()).contains(root.resolve("_output").toString());

        Files.delete(root.resolve("_output"));
        try (TreeLock next = acquireElsewhere("kube:build", SHORT).get(10, TimeUnit.SECONDS)) {
            assertThat(TreeLock.fileOf(root)).exists();
        }
    }

    @Test
    void aLinkInPlaceOfTheLockFileIsRefusedAndWhatItPointsAtStaysAsItWas(@TempDir Path outside) throws IOException {
        Path victim = Files.writeString(outside.resolve("victim"), "the user's");
        Files.createDirectories(root.resolve("_output"));
        Files.createSymbolicLink(TreeLock.fileOf(root), victim);

        assertThatThrownBy(() -> acquire("kube:build", SHORT))
                .isInstanceOf(io.github.kubemaven.ground.LinkFreePaths.LinkRefusedException.class)
                .hasMessageContaining(TreeLock.fileOf(root).toString());
        assertThat(TreeLock.tryAcquire(root, "seeding")).as("a tree whose lock is a link is passed by").isEmpty();
        assertThat(victim).hasContent("the user's");
    }

    @Test
    void aLinkInPlaceOfTheOutputFolderIsRefused(@TempDir Path outside) throws IOException {
        Files.createSymbolicLink(root.resolve("_output"), outside);

        assertThatThrownBy(() -> acquire("kube:build", SHORT))
                .isInstanceOf(io.github.kubemaven.ground.LinkFreePaths.LinkRefusedException.class);
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
