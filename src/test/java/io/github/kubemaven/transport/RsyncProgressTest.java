package io.github.kubemaven.transport;

import io.github.kubemaven.ground.HostProcess;
import io.github.kubemaven.ground.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RsyncProgressTest {

    /** Keeps every status it is given. */
    private static final class Statuses implements Progress {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void status(String text) {
            seen.add(text);
        }

        @Override
        public void latestLine(String line) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void readsFilesAndBytesFromRsyncsWholeTransferLines() {
        Statuses statuses = new Statuses();
        RsyncProgress progress = new RsyncProgress(statuses);
        progress.accept("              0   0%    0.00kB/s    0:00:00  ");
        progress.accept("     32,768,000  45%   31.25MB/s    0:00:01 (xfr#17, ir-chk=1012/2040)");
        progress.accept(">f+++++++++ pkg/api/types.go");
        progress.accept("  1,073,741,824 100%   40.12MB/s    0:00:25 (xfr#2,040, to-chk=0/2040)".replace("xfr#2,040", "xfr#2040"));
        assertThat(statuses.seen).containsExactly("0 files, 0 B", "17 files, 31.3 MiB", "2,040 files, 1.0 GiB");
        assertThat(RsyncProgress.isProgressLine(">f+++++++++ pkg/api/types.go")).isFalse();
        assertThat(RsyncProgress.isProgressLine("sent 1,234 bytes  received 56 bytes  2,580.00 bytes/sec")).isFalse();
    }

    @Test
    void theFlagIsUsedOnlyWithAnRsyncThatHasIt() {
        assertThat(RsyncProgress.understoodBy("rsync  version 3.2.7  protocol version 31")).isTrue();
        assertThat(RsyncProgress.understoodBy("rsync  version 3.1.0  protocol version 31")).isTrue();
        assertThat(RsyncProgress.understoodBy("rsync  version 2.6.9  protocol version 29")).isFalse();
        assertThat(RsyncProgress.understoodBy("openrsync: protocol version 29")).isFalse();
        assertThat(RsyncProgress.understoodBy("")).isFalse();
    }

    @Test
    void followsARealRsyncTransferToItsLastFileAndByte(@TempDir Path folder) throws IOException {
        Path source = Files.createDirectories(folder.resolve("source"));
        for (int i = 0; i < 40; i++) {
            Files.write(source.resolve("file-" + i), new byte[64 * 1024]);
        }
        Statuses statuses = new Statuses();
        RsyncProgress progress = new RsyncProgress(statuses);
        HostProcess.Result result = HostProcess.of("rsync", "-a", RsyncProgress.FLAG, source + "/", folder.resolve("copy") + "/")
                .timeout(Duration.ofMinutes(1)).watchOutput(progress::accept).capture();
        assertThat(result.succeeded()).as(result.stderr()).isTrue();
        assertThat(statuses.seen).isNotEmpty().last().isEqualTo("40 files, 2.5 MiB");
    }

    @Test
    void bytesReadInBinaryUnits() {
        assertThat(RsyncProgress.bytesShown(1023)).isEqualTo("1023 B");
        assertThat(RsyncProgress.bytesShown(1536)).isEqualTo("1.5 KiB");
        assertThat(RsyncProgress.bytesShown(5L << 30)).isEqualTo("5.0 GiB");
    }
}
