package io.github.kubemaven.transport;

import io.github.kubemaven.stamp.UpToDateRecord;
import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SentRecordTest {

    @TempDir
    Path root;

    private static TreeSnapshot.Entry file(String sizeAndTime) {
        return new TreeSnapshot.Entry(sizeAndTime, null);
    }

    @Test
    void everyRecordThatKnewATouchedFileAsItWasKnowsItAsItIsNow() throws IOException {
        Files.createDirectories(root.resolve("_output/kube-maven"));
        SentRecord first = new SentRecord(SentRecord.fileOf(root, "volume-a"));
        SentRecord second = new SentRecord(SentRecord.fileOf(root, "volume-b"));
        first.write(new TreeSnapshot(1, Map.of("a.go", file("3:100:rw-r--r--"), "b.go", file("3:100:rw-r--r--")), Map.of(), Map.of()));
        second.write(new TreeSnapshot(2, Map.of("a.go", file("3:50:rw-r--r--")), Map.of(), Map.of()));
        FileTime firstWritten = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(SentRecord.fileOf(root, "volume-a"), firstWritten);
        Files.writeString(root.resolve("_output/kube-maven/build-rsync-main.stamp"), "not a sent record");

        SentRecord.retimeEvery(root, Map.of("a.go", new UpToDateRecord.Retimed(file("3:100:rw-r--r--"), file("3:200:rw-r--r--"))));

        assertThat(first.read().orElseThrow().inputs())
                .containsEntry("a.go", file("3:200:rw-r--r--"))
                .containsEntry("b.go", file("3:100:rw-r--r--"));
        assertThat(second.read().orElseThrow().inputs()).as("a volume that holds another copy of the file")
                .containsEntry("a.go", file("3:50:rw-r--r--"));
        assertThat(Files.getLastModifiedTime(SentRecord.fileOf(root, "volume-a"))).as("which sync-in came last stays known")
                .isEqualTo(firstWritten);
        assertThat(root.resolve("_output/kube-maven/build-rsync-main.stamp")).hasContent("not a sent record");
    }

    @Test
    void aTouchedGeneratedFileIsKnownAsItIsNow() throws IOException {
        Files.createDirectories(root.resolve("_output/kube-maven"));
        SentRecord record = new SentRecord(SentRecord.fileOf(root, "volume-a"));
        record.write(new TreeSnapshot(1, Map.of("a.go", file("3:100:rw-r--r--")),
                Map.of("pkg/zz_generated.deepcopy.go", file("9:100:rw-r--r--")), Map.of()));

        SentRecord.retimeEvery(root, Map.of("pkg/zz_generated.deepcopy.go",
                new UpToDateRecord.Retimed(file("9:100:rw-r--r--"), file("9:300:rw-r--r--"))));

        TreeSnapshot retimed = record.read().orElseThrow();
        assertThat(retimed.generated()).containsEntry("pkg/zz_generated.deepcopy.go", file("9:300:rw-r--r--"));
        assertThat(retimed.inputs()).containsOnlyKeys("a.go").containsEntry("a.go", file("3:100:rw-r--r--"));
    }

    @Test
    void aTreeWithoutRecordsIsLeftAlone() {
        SentRecord.retimeEvery(root, Map.of("a.go", new UpToDateRecord.Retimed(file("3:100:rw-r--r--"), file("3:200:rw-r--r--"))));
        assertThat(root.resolve("_output")).doesNotExist();
    }
}
