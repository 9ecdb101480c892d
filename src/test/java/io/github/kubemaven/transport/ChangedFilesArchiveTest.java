package io.github.kubemaven.transport;

import io.github.kubemaven.tree.TreeSnapshot;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChangedFilesArchiveTest {

    private static final FileTime AN_HOUR_AGO = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    private static final Instant SYNC_TIME = Instant.parse("2026-12-02T10:00:00.1234567Z");
    private static final String VERSION_DEFS = "_output/kube-maven/version-defs";

    @TempDir
    Path root;

    @BeforeEach
    void versionStamp() throws IOException {
        write(VERSION_DEFS, "KUBE_GIT_VERSION='v1.20.2'", "rw-r--r--");
    }

    private void write(String path, String text, String mode) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
    }

    private TreeSnapshot snapshot() {
        return TreeSnapshot.sources(root);
    }

    private Optional<byte[]> archive(TreeSnapshot sent, TreeSnapshot now) {
        List<String> changed = SyncChanges.between(sent, now, root, SyncChanges.MOST).orElseThrow();
        return new ChangedFilesArchive(root, "/go/src/k8s.io/kubernetes", 1000, 1001).of(sent, now, changed, List.of(VERSION_DEFS), SYNC_TIME);
    }

    private static Map<String, TarArchiveEntry> entries(byte[] archive, Map<String, String> contents) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), entry);
                if (entry.isFile()) {
                    contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    /** A record of the tree holding {@code path} with {@code text}, which knows that file by {@code hash} too. */
    private TreeSnapshot recordedWithHash(String path, String text, String hash) throws IOException {
        write(path, text, "rw-r--r--");
        TreeSnapshot plain = snapshot();
        Map<String, TreeSnapshot.Entry> inputs = new LinkedHashMap<>(plain.inputs());
        inputs.put(path, new TreeSnapshot.Entry(plain.inputs().get(path).sizeAndTime(), hash));
        return new TreeSnapshot(plain.takenAtMillis(), inputs, plain.generated(), Map.of());
    }

    @Test
    void anEditedSourceGoesWithItsModeTheDaemonsOwnerAndTheSyncTime() throws IOException {
        write("cmd/kubectl/kubectl.go", "package main", "rw-r--r--");
        write("hack/lib/golang.sh", "#!/bin/bash", "rwxr-xr-x");
        TreeSnapshot sent = snapshot();
        write("cmd/kubectl/kubectl.go", "package main\n\nfunc init() {}", "rw-r--r--");
        write("hack/lib/golang.sh", "#!/bin/bash\nset -e", "rwxr-x---");

        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = entries(archive(sent, snapshot()).orElseThrow(), contents);

        assertThat(entries.keySet()).containsExactly("go/src/k8s.io/kubernetes/_output/", "go/src/k8s.io/kubernetes/_output/kube-maven/",
                "go/src/k8s.io/kubernetes/" + VERSION_DEFS, "go/src/k8s.io/kubernetes/cmd/kubectl/kubectl.go",
                "go/src/k8s.io/kubernetes/hack/lib/golang.sh");
        TarArchiveEntry kubectl = entries.get("go/src/k8s.io/kubernetes/cmd/kubectl/kubectl.go");
        assertThat(contents.get(kubectl.getName())).isEqualTo("package main\n\nfunc init() {}");
        assertThat(kubectl.getMode()).isEqualTo(0100644);
        assertThat(kubectl.getLongUserId()).isEqualTo(1000);
        assertThat(kubectl.getLongGroupId()).isEqualTo(1001);
        assertThat(kubectl.getLastModifiedTime().toInstant()).isEqualTo(SYNC_TIME);
        assertThat(entries.get("go/src/k8s.io/kubernetes/hack/lib/golang.sh").getMode()).isEqualTo(0100750);
        assertThat(entries.get("go/src/k8s.io/kubernetes/_output/kube-maven/").isDirectory()).isTrue();
        assertThat(contents.get("go/src/k8s.io/kubernetes/" + VERSION_DEFS)).isEqualTo("KUBE_GIT_VERSION='v1.20.2'");
    }

    @Test
    void aNewSourceInAFolderTheVolumeHasGoes() throws IOException {
        write("pkg/kubectl/cmd/get/get.go", "package get", "rw-r--r--");
        TreeSnapshot sent = snapshot();
        write("pkg/kubectl/cmd/get/extra.go", "package get // new", "rw-r--r--");

        Map<String, String> contents = new LinkedHashMap<>();
        entries(archive(sent, snapshot()).orElseThrow(), contents);

        assertThat(contents).containsEntry("go/src/k8s.io/kubernetes/pkg/kubectl/cmd/get/extra.go", "package get // new");
    }

    @Test
    void rsyncSendsWhatTheRecordCannotTellFromTheVolumesCopy() throws IOException {
        write("pkg/a/a.go", "package a", "rw-r--r--");
        write("pkg/b/zz_generated.deepcopy.go", "package b", "rw-r--r--");
        TreeSnapshot sent = snapshot();

        write("pkg/a/a.go", "package z", "rw-r--r--");
        Files.setLastModifiedTime(root.resolve("pkg/a/a.go"), FileTime.fromMillis(AN_HOUR_AGO.toMillis() + 1000));
        assertThat(archive(sent, snapshot())).as("same size, only the time tells").isEmpty();

        write("pkg/a/a.go", "package a", "rw-r--r--");
        write("pkg/new/new.go", "package new", "rw-r--r--");
        assertThat(archive(sent, snapshot())).as("a file in a folder the volume lacks").isEmpty();

        Files.delete(root.resolve("pkg/new/new.go"));
        Files.delete(root.resolve("pkg/new"));
        write("pkg/a/zz_generated.deepcopy.go", "package a // generated", "rw-r--r--");
        assertThat(archive(sent, snapshot())).as("a generated file make may have written into the volume").isEmpty();

        Files.delete(root.resolve("pkg/a/zz_generated.deepcopy.go"));
        Files.createSymbolicLink(root.resolve("pkg/a/link.go"), Path.of("a.go"));
        assertThat(archive(sent, snapshot())).as("a link").isEmpty();
    }

    @Test
    void aFileWhoseContentHashTheRecordKnowsGoesWhenItDiffers() throws IOException {
        String path = "pkg/a/a.go";
        TreeSnapshot sent = recordedWithHash(path, "package a", "0".repeat(64));
        write(path, "package b", "rw-r--r--");
        Files.setLastModifiedTime(root.resolve(path), FileTime.fromMillis(System.currentTimeMillis()));

        TreeSnapshot now = snapshot();

        assertThat(now.inputs().get(path).contentHash()).as("a file changed this second is known by content").isNotNull();
        assertThat(archive(sent, now)).isPresent();
    }

    @Test
    void moreThanASmallChangeGoesByRsync() throws IOException {
        write("pkg/a/a.go", "package a", "rw-r--r--");
        TreeSnapshot sent = snapshot();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < ChangedFilesArchive.MOST_FILES; i++) {
            write("pkg/a/f" + i + ".go", "package a", "rw-r--r--");
            many.add("pkg/a/f" + i + ".go");
        }
        TreeSnapshot now = snapshot();

        assertThat(new ChangedFilesArchive(root, "/go/src/k8s.io/kubernetes", 0, 0).of(sent, now, many, List.of(VERSION_DEFS), SYNC_TIME))
                .isEmpty();
        assertThat(new ChangedFilesArchive(root, "/go/src/k8s.io/kubernetes", 0, 0).of(sent, now, many.subList(1, many.size()),
                List.of(VERSION_DEFS), SYNC_TIME)).isPresent();
    }

    @Test
    void aFileWhoseContentHashTheRecordKnowsAsTheSameGoesByRsync() throws IOException {
        String path = "pkg/a/a.go";
        TreeSnapshot sent = recordedWithHash(path, "package a", io.github.kubemaven.ground.Hashing.sha256("package a"));
        Files.setLastModifiedTime(root.resolve(path), FileTime.fromMillis(System.currentTimeMillis()));

        TreeSnapshot now = snapshot();

        assertThat(now.inputs().get(path).contentHash()).isEqualTo(sent.inputs().get(path).contentHash());
        assertThat(new ChangedFilesArchive(root, "/go/src/k8s.io/kubernetes", 0, 0).of(sent, now, List.of(path), List.of(VERSION_DEFS), SYNC_TIME))
                .as("the volume may hold this content already; only rsync's own comparison can tell").isEmpty();
    }

    @Test
    void aNewFileWhoseFolderTheRecordLacksGoesByRsyncEvenWhenOnlyTheFileIsNamed() throws IOException {
        write("pkg/a/a.go", "package a", "rw-r--r--");
        TreeSnapshot plain = snapshot();
        Map<String, TreeSnapshot.Entry> inputs = new LinkedHashMap<>(plain.inputs());
        inputs.remove("pkg/a");
        inputs.remove("pkg/a/a.go");
        TreeSnapshot sent = new TreeSnapshot(plain.takenAtMillis(), inputs, plain.generated(), Map.of());
        ChangedFilesArchive files = new ChangedFilesArchive(root, "/go/src/k8s.io/kubernetes", 0, 0);

        assertThat(files.of(sent, plain, List.of("pkg/a/a.go"), List.of(VERSION_DEFS), SYNC_TIME)).isEmpty();
        assertThat(files.of(plain, plain, List.of(), List.of(VERSION_DEFS), SYNC_TIME)).as("the same call with the folder known").isPresent();
    }

    @Test
    void changesPastTheSizeBoundGoByRsync() throws IOException {
        write("pkg/a/a.go", "package a", "rw-r--r--");
        TreeSnapshot sent = snapshot();
        Path big = root.resolve("pkg/a/big.go");
        try (var channel = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), ChangedFilesArchive.MOST_BYTES);
        }
        write("pkg/a/small.go", "package a", "rw-r--r--");
        TreeSnapshot now = snapshot();
        ChangedFilesArchive files = new ChangedFilesArchive(root, "/go/src/k8s.io/kubernetes", 0, 0);

        assertThat(files.of(sent, now, List.of("pkg/a/big.go"), List.of(VERSION_DEFS), SYNC_TIME)).isEmpty();
        assertThat(files.of(sent, now, List.of("pkg/a/small.go"), List.of(VERSION_DEFS), SYNC_TIME)).isPresent();
    }

    @Test
    void aPipeAmongTheChangesGoesByRsyncWithoutBeingRead() throws IOException, InterruptedException {
        write("pkg/a/a.go", "package a", "rw-r--r--");
        TreeSnapshot sent = snapshot();
        Path pipe = root.resolve("pkg/a/pipe.go");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(pipe)) {
                out.flush();
            } catch (IOException ignored) {
                // the pipe went with the test's folder
            }
        });
        writer.setDaemon(true);
        writer.start();
        TreeSnapshot now = snapshot();

        assertThat(new ChangedFilesArchive(root, "/go/src/k8s.io/kubernetes", 0, 0).of(sent, now, List.of("pkg/a/pipe.go"),
                List.of(VERSION_DEFS), SYNC_TIME)).as("a reader would have met the writer and archived the pipe").isEmpty();
    }

    @Test
    void aNameOutsideAsciiKeepsItsCharacters() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
                "file names in UTF-8 on this machine");
        write("pkg/a/a.go", "package a", "rw-r--r--");
        TreeSnapshot sent = snapshot();
        write("pkg/a/ünïcode.go", "package a", "rw-r--r--");

        Map<String, String> contents = new LinkedHashMap<>();
        entries(archive(sent, snapshot()).orElseThrow(), contents);

        assertThat(contents).containsKey("go/src/k8s.io/kubernetes/pkg/a/ünïcode.go");
    }
}
