package io.github.kubemaven.builders;

import io.github.kubemaven.stamp.StampFiles;
import io.github.kubemaven.ground.PhaseTimer;
import io.github.kubemaven.ground.RecordingLog;
import io.github.kubemaven.tree.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpToDateBuilderTest {

    private static final List<String> MAKE = List.of("make", "WHAT=cmd/kubectl");

    @TempDir
    Path root;
    private final RecordingLog log = new RecordingLog();
    private final RecordingBuilder inner = new RecordingBuilder();

    /** A builder that writes one binary per run and remembers the snapshots it was handed. */
    private final class RecordingBuilder implements Builder {
        final List<TreeSnapshot> runs = new ArrayList<>();
        int toldCurrent;
        String key = "key-1";
        boolean fails;

        @Override
        public String recordName() {
            return "fake";
        }

        @Override
        public String recordKey(List<String> command) {
            return key + String.join(" ", command);
        }

        @Override
        public Path binaryFolder() {
            return root.resolve("_output/fake/bin");
        }

        @Override
        public boolean writesTree() {
            return false;
        }

        @Override
        public void run(List<String> command, TreeSnapshot tree, boolean copyOutput) {
            runs.add(tree);
            if (fails) {
                throw new IllegalStateException("make failed");
            }
            try {
                Files.createDirectories(binaryFolder());
                Files.writeString(binaryFolder().resolve("kubectl"), "binary " + runs.size());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void binariesAreCurrent() {
            toldCurrent++;
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void tree() throws IOException {
        Files.writeString(root.resolve("Makefile"), "all:\n");
        Files.createDirectories(root.resolve("cmd/kubectl"));
        Path source = root.resolve("cmd/kubectl/main.go");
        Files.writeString(source, "package main\n");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    private void build(boolean force) {
        new UpToDateBuilder(inner, root, force, new PhaseTimer(log), log).run(MAKE, null, true);
    }

    @Test
    void aSecondRunWithNothingChangedIsSkippedAndTheBuilderGetsTheTreeAsItWasRead() {
        build(false);
        build(false);
        assertThat(inner.runs).hasSize(1);
        assertThat(inner.toldCurrent).as("a skipped build tells the builder its binaries are current").isEqualTo(1);
        assertThat(inner.runs.get(0).inputs()).containsKey("cmd/kubectl/main.go");
        assertThat(StampFiles.of(root, "fake")).hasSize(1);
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Up to date: nothing changed since the last successful 'make WHAT=cmd/kubectl'"));
    }

    @Test
    void anEditAnotherKeyOrForceBuildsAgain() throws IOException {
        build(false);
        Files.writeString(root.resolve("cmd/kubectl/main.go"), "package main // edited\n");
        build(false);
        inner.key = "key-2";
        build(false);
        build(true);
        assertThat(inner.runs).hasSize(4);
    }

    @Test
    void aFailedRunLeavesNoRecordSoTheNextRunBuilds() {
        build(false);
        inner.fails = true;
        inner.key = "key-2";
        assertThatThrownBy(() -> build(false)).hasMessage("make failed");
        assertThat(StampFiles.of(root, "fake")).isEmpty();
        inner.fails = false;
        inner.key = "key-1";
        build(false);
        assertThat(inner.runs).hasSize(3);
    }

    @Test
    void aCommandThatMayRewriteSourcesInTheVolumeIsNeverRecordedSoItsNextRunBuilds() {
        List<String> update = List.of("make", "update");
        new UpToDateBuilder(inner, root, false, new PhaseTimer(log), log).run(update, null, true);
        new UpToDateBuilder(inner, root, false, new PhaseTimer(log), log).run(update, null, true);
        assertThat(inner.runs).hasSize(2);
        assertThat(StampFiles.of(root, "fake")).isEmpty();
        assertThat(log.lines()).anyMatch(line -> line.startsWith("Not recording this run for the up-to-date check: make update"));
    }
}
