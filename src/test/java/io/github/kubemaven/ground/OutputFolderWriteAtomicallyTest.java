package io.github.kubemaven.ground;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputFolderWriteAtomicallyTest {

    @TempDir
    Path folder;

    @Test
    void aWriterThatFailsMidwayLeavesNoFileAtTheNameAndNothingBeside() throws IOException {
        Path file = folder.resolve("kubernetes.tar.gz");

        assertThatThrownBy(() -> OutputFolder.writeAtomically(file, out -> {
            out.write(new byte[200_000]);
            throw new IOException("disk full");
        })).hasRootCauseMessage("disk full");

        assertThat(file).doesNotExist();
        assertThat(namesIn(folder)).isEmpty();
    }

    @Test
    void aWriterThatFailsMidwayLeavesTheEarlierFileAsItWas() throws IOException {
        Path file = folder.resolve("kubernetes.tar.gz.sha256");
        Files.writeString(file, "earlier\n");

        assertThatThrownBy(() -> OutputFolder.writeAtomically(file, out -> {
            out.write("later, but only in part".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("stopped");
        })).hasMessage("stopped");

        assertThat(file).hasContent("earlier");
        assertThat(namesIn(folder)).containsExactly("kubernetes.tar.gz.sha256");
    }

    @Test
    void aWriterMayCloseItsStreamAndTheWholeContentLands() throws IOException {
        Path file = folder.resolve("sub/provenance.json");
        byte[] content = new byte[300_000];
        content[content.length - 1] = 7;

        OutputFolder.writeAtomically(file, out -> {
            try (out) {
                out.write(content);
            }
        });

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(namesIn(file.getParent())).containsExactly("provenance.json");
    }

    private static java.util.List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
