package io.github.kubemaven.attest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.github.kubemaven.ground.OutputFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the release's JSON documents the same, byte for byte, wherever they are made: two-space indent, {@code \n}
 * line ends whatever the platform's, fields in the order the writer gives them, a newline at the end.
 */
final class JsonFiles {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** The body of one JSON document. */
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonFiles() {
    }

    static void write(Path file, Body body) {
        OutputFolder.writeWhole(file, out -> {
            try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
                json.setPrettyPrinter(new DefaultPrettyPrinter()
                        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                        .withObjectIndenter(indenter).withArrayIndenter(indenter));
                body.write(json);
            }
            out.write("\n".getBytes(StandardCharsets.UTF_8));
        });
    }

    /** An instant as SPDX and SLSA write it: UTC, whole seconds. */
    static String time(long epochSeconds) {
        return SECONDS.format(Instant.ofEpochSecond(epochSeconds));
    }

    static void stringArray(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
