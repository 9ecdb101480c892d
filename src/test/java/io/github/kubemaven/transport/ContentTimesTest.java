package io.github.kubemaven.transport;

import io.github.kubemaven.ground.HostProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule that times in a build volume follow content, checked with the real rsync and the real make: a volume that
 * holds a finished build (types, a generator tool made from a script, the generated files, all older than the
 * checkout) takes a checkout by content, and make then redoes exactly what the differing content requires, whatever
 * times the checkout's files carry.
 */
class ContentTimesTest {

    private static final String MAKEFILE = """
            TOOL := _output/bin/gen
            FILES := apps/zz_generated.deepcopy.go core/zz_generated.deepcopy.go
            all: $(FILES)
            $(FILES): %/zz_generated.deepcopy.go: %/types.go $(TOOL)
            \tcp $< $@
            $(TOOL): gen.sh
            \tmkdir -p $(@D) && cp $< $@ && touch $@
            """;

    @TempDir
    Path checkout;
    @TempDir
    Path volume;

    private final Instant built = Instant.now().minus(2, ChronoUnit.HOURS);

    @BeforeEach
    void aFinishedBuildInTheVolume() throws IOException {
        for (Path root : List.of(checkout, volume)) {
            write(root, "Makefile", MAKEFILE);
            write(root, "gen.sh", "#!/bin/sh\n");
            write(root, "apps/types.go", "package apps // Deployment");
            write(root, "core/types.go", "package core // Pod");
        }
        make(volume);
        Files.writeString(checkout.resolve(".gitignore"), "zz_generated.*\n");
        Files.writeString(volume.resolve(".gitignore"), "zz_generated.*\n");
        Instant time = built;
        for (String path : List.of("Makefile", "gen.sh", "apps/types.go", "core/types.go", "_output/bin/gen", "apps/zz_generated.deepcopy.go",
                "core/zz_generated.deepcopy.go")) {
            Files.setLastModifiedTime(volume.resolve(path), FileTime.from(time));
            time = time.plusSeconds(1);
        }
        assertThat(madeBy(make(volume))).as("the volume's build is finished").isEmpty();
    }

    @Test
    void aFreshCloneOfTheSameContentRedoesNothing() throws IOException {
        allAt(checkout, Instant.now());
        syncByContent();
        assertThat(madeBy(make(volume))).isEmpty();
    }

    @Test
    void aCheckoutWhoseFilesAreOlderThanTheBuildRedoesTheChangedPackageOnly() throws IOException {
        write(checkout, "apps/types.go", "package apps // Deployment, ReplicaSet");
        allAt(checkout, Instant.parse("2001-01-01T00:00:00Z"));
        syncByContent();
        assertThat(madeBy(make(volume))).containsExactly("apps/zz_generated.deepcopy.go");
        assertThat(volume.resolve("apps/zz_generated.deepcopy.go")).hasContent("package apps // Deployment, ReplicaSet");
    }

    @Test
    void aFreshCloneWithOneTypeChangedRedoesThatPackageOnly() throws IOException {
        write(checkout, "core/types.go", "package core // Pod, Node");
        allAt(checkout, Instant.now().plusSeconds(60));
        syncByContent();
        assertThat(madeBy(make(volume))).containsExactly("core/zz_generated.deepcopy.go");
    }

    @Test
    void aChangedGeneratorRedoesTheToolAndEveryPackage() throws IOException {
        write(checkout, "gen.sh", "#!/bin/sh\n# v2\n");
        allAt(checkout, Instant.parse("2001-01-01T00:00:00Z"));
        syncByContent();
        assertThat(madeBy(make(volume))).containsExactly("_output/bin/gen", "apps/zz_generated.deepcopy.go", "core/zz_generated.deepcopy.go");
    }

    @Test
    void contentPutBackWithAnOldTimeIsStillAChange() throws IOException {
        write(checkout, "apps/types.go", "package apps // Deployment, ReplicaSet");
        syncByContent();
        make(volume);
        write(checkout, "apps/types.go", "package apps // Deployment");
        allAt(checkout, Instant.parse("2001-01-01T00:00:00Z"));
        syncByContent();
        assertThat(madeBy(make(volume))).containsExactly("apps/zz_generated.deepcopy.go");
        assertThat(volume.resolve("apps/zz_generated.deepcopy.go")).hasContent("package apps // Deployment");
    }

    private void syncByContent() {
        List<String> command = new ArrayList<>(List.of("rsync"));
        command.addAll(HostRsync.ARCHIVE_BY_CONTENT);
        command.add("--delete");
        RsyncFilters.syncIn(true).forEach(rule -> command.add("--filter=" + rule));
        command.addAll(List.of(checkout + "/", volume + "/"));
        HostProcess.Result result = HostProcess.of(command).capture();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    private static String make(Path root) {
        HostProcess.Result result = HostProcess.of("make", "--no-print-directory").in(root).capture();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout();
    }

    /** The targets make's recipe lines wrote, in make's order. */
    private static List<String> madeBy(String makeOutput) {
        return makeOutput.lines().filter(line -> line.startsWith("cp ") || line.startsWith("mkdir "))
                .map(line -> line.startsWith("mkdir ") ? "_output/bin/gen" : line.substring(line.lastIndexOf(' ') + 1)).toList();
    }

    private static void allAt(Path root, Instant time) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(time));
            }
        }
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
