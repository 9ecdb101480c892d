package io.github.kubemaven.lock;

import io.github.kubemaven.ground.BuildLog;
import io.github.kubemaven.ground.Closing;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;
import io.github.kubemaven.ground.LinkFreePaths;
import io.github.kubemaven.ground.OutputProblem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One run per tree at a time: a lock file under {@code _output/} for other processes, and a JVM-wide lock for the
 * threads of one Maven reactor (a file lock is held per process, so two threads of one JVM would both get it).
 * The lock file says who holds it, so a waiting run can name the holder.
 */
public final class TreeLock implements AutoCloseable {

    public static final String FILE_NAME = ".kube-maven.lock";
    static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Map<Path, Holder> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path file;
    private final Semaphore jvmLock;
    private final FileChannel channel;
    private final FileLock lock;

    private TreeLock(Path file, Semaphore jvmLock, FileChannel channel, FileLock lock) {
        this.file = file;
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of the tree at {@code root} (a canonical path). */
    public static Path fileOf(Path root) {
        return root.resolve("_output").resolve(FILE_NAME);
    }

    /**
     * Takes the lock of the tree at {@code root}, waiting for another run that holds it, with a line every
     * {@link #REPORT_EVERY}, for at most {@code timeout}.
     *
     * @param purpose what this run does, for the message another waiting run shows
     */
    public static TreeLock acquire(Path root, String purpose, Duration timeout, BuildLog log) {
        Path file = fileOf(root);
        long deadline = System.nanoTime() + timeout.toNanos();
        Holder holder = HELD_IN_THIS_JVM.computeIfAbsent(root, any -> new Holder());
        Semaphore jvmLock = holder.semaphore;
        String owner = ownerName(purpose);
        try {
            Waiting inThisJvm = new Waiting(root, () -> holder.owner, log);
            while (!jvmLock.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                inThisJvm.stillWaiting(deadline, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while waiting for the lock of " + root, null, e);
        }
        try {
            Waiting inOtherProcess = new Waiting(root, () -> owner(file), log);
            while (true) {
                FileChannel channel = open(file);
                FileLock lock = tryLock(channel, file);
                if (lock != null && claim(channel, file, owner)) {
                    holder.owner = owner;
                    inOtherProcess.acquired();
                    return new TreeLock(file, jvmLock, channel, lock);
                }
                Closing.quietly(channel);
                inOtherProcess.stillWaiting(deadline, timeout);
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            jvmLock.release();
            Thread.currentThread().interrupt();
            throw new KubeBuildException("Interrupted while waiting for the lock of " + root, null, e);
        } catch (RuntimeException e) {
            jvmLock.release();
            throw e;
        }
    }

    /**
     * Takes the lock of the tree at {@code root} when nobody holds it, without waiting and without making a lock file
     * where the tree has no {@code _output/} folder; empty otherwise.
     */
    public static Optional<TreeLock> tryAcquire(Path root, String purpose) {
        Path file = fileOf(root);
        Holder holder = HELD_IN_THIS_JVM.computeIfAbsent(root, any -> new Holder());
        if (!Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS) || !holder.semaphore.tryAcquire()) {
            return Optional.empty();
        }
        try {
            String owner = ownerName(purpose);
            FileChannel channel = open(file);
            FileLock lock = tryLock(channel, file);
            if (lock != null && claim(channel, file, owner)) {
                holder.owner = owner;
                return Optional.of(new TreeLock(file, holder.semaphore, channel, lock));
            }
            Closing.quietly(channel);
        } catch (RuntimeException e) {
            // a tree this run cannot lock is a tree it leaves alone
        }
        holder.semaphore.release();
        return Optional.empty();
    }

    private static String ownerName(String purpose) {
        return "pid " + ProcessHandle.current().pid() + " (" + purpose + ", since "
                + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", thread " + Thread.currentThread().getName() + ")";
    }

    private static FileChannel open(Path file) {
        try {
            LinkFreePaths.createFolders(file.getParent());
            LinkFreePaths.requireNoLink(file);
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw OutputProblem.of(file.getParent(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) {
        try {
            return channel.tryLock();
        } catch (IOException e) {
            throw OutputProblem.of(file.getParent(), e);
        }
    }

    /**
     * Writes this run's name into the locked file and checks that the path still names that file: a run that
     * removed the lock file while others held it open (kube:clean) leaves them a lock on a file nobody else can
     * see, so they try again. The check only looks at {@code /proc/self/fd}: opening the lock file a second time
     * and closing it would drop the lock, as POSIX locks go.
     */
    private static boolean claim(FileChannel channel, Path file, String owner) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            Object current = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return current == null || openInThisProcess(current);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw OutputProblem.of(file.getParent(), e);
        }
    }

    private static boolean openInThisProcess(Object fileKey) {
        Path descriptors = Path.of("/proc/self/fd");
        if (!Files.isDirectory(descriptors)) {
            return true;
        }
        try (var entries = Files.list(descriptors)) {
            return entries.anyMatch(descriptor -> {
                try {
                    return fileKey.equals(Files.readAttributes(descriptor, BasicFileAttributes.class).fileKey());
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return true;
        }
    }

    /** Who holds the lock, as its holder wrote it, or "another run". */
    static String owner(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "another run" : text;
        } catch (IOException e) {
            return "another run";
        }
    }

    /** Removes the lock file itself, for kube:clean, which removes all of {@code _output/}; the lock stays held. */
    public void deleteFile() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw OutputProblem.of(file.getParent(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            Closing.quietly(channel);
            jvmLock.release();
        }
    }

    /** The lock of one tree within this JVM, and who holds it. */
    private static final class Holder {
        final Semaphore semaphore = new Semaphore(1);
        volatile String owner = "another thread of this Maven";
    }

    /** Says, every {@link #REPORT_EVERY} of waiting, who holds the lock; fails once the timeout is over. */
    private static final class Waiting {
        private final Path root;
        private final java.util.function.Supplier<String> owner;
        private final BuildLog log;
        private final long start = System.nanoTime();
        private long nextReport = start;

        Waiting(Path root, java.util.function.Supplier<String> owner, BuildLog log) {
            this.root = root;
            this.owner = owner;
            this.log = log;
        }

        void stillWaiting(long deadline, Duration timeout) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new KubeBuildException("Another run still holds the lock of " + root + " after " + timeout.toSeconds()
                        + " s: " + owner.get() + ".",
                        Hints.LOCK_HELD);
            }
            if (now - nextReport >= 0) {
                log.info("Waiting for the lock of " + root + ", held by " + owner.get() + " ("
                        + TimeUnit.NANOSECONDS.toSeconds(now - start) + " s so far, at most " + timeout.toSeconds()
                        + " s: kube.lockTimeout)");
                nextReport = now + REPORT_EVERY.toNanos();
            }
        }

        void acquired() {
            long waited = System.nanoTime() - start;
            if (waited > POLL.toNanos() * 2) {
                log.info("Got the lock of " + root + " after " + TimeUnit.NANOSECONDS.toSeconds(waited) + " s");
            }
        }
    }
}
