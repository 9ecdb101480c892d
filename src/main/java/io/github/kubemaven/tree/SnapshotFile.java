package io.github.kubemaven.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.github.kubemaven.ground.OutputFolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tree snapshot with a few named strings beside it, kept as JSON in {@code _output/kube-maven/}: the up-to-date
 * record and the record of what sync-in sent. Streamed both ways, so a large tree needs little memory, and any path
 * (backslashes, tabs, newlines, any script, bytes that are no UTF-8) comes back as it was.
 */
public final class SnapshotFile {

    /** Keys may hold lone surrogates (see {@link TreeKeys}), which JSON carries only escaped. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final java.util.List<String> KINDS = java.util.List.of("inputs", "generated", "binaries");

    private SnapshotFile() {
    }

    /** Writes {@code snapshot} and {@code facts} to {@code file}, replacing it at once. */
    public static void write(Path file, Map<String, String> facts, TreeSnapshot snapshot) {
        write(file, facts, snapshot, Map.of());
    }

    /** The same, with the content hashes of some of the snapshot's files beside it (path to hash). */
    public static void write(Path file, Map<String, String> facts, TreeSnapshot snapshot, Map<String, String> contents) {
        OutputFolder.writeAtomically(file, out -> {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeObjectFieldStart("facts");
                for (Map.Entry<String, String> fact : new TreeMap<>(facts).entrySet()) {
                    json.writeStringField(fact.getKey(), fact.getValue());
                }
                json.writeEndObject();
                json.writeNumberField("taken", snapshot.takenAtMillis());
                writeEntries(json, "inputs", snapshot.inputs());
                writeEntries(json, "generated", snapshot.generated());
                writeEntries(json, "binaries", snapshot.binaries());
                json.writeArrayFieldStart("contents");
                for (Map.Entry<String, String> content : new TreeMap<>(contents).entrySet()) {
                    json.writeStartArray();
                    json.writeString(content.getKey());
                    json.writeString(content.getValue());
                    json.writeEndArray();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        });
    }

    private static void writeEntries(JsonGenerator json, String name, Map<String, TreeSnapshot.Entry> entries) throws IOException {
        json.writeArrayFieldStart(name);
        for (Map.Entry<String, TreeSnapshot.Entry> entry : entries.entrySet()) {
            json.writeStartArray();
            json.writeString(entry.getKey());
            json.writeString(entry.getValue().sizeAndTime());
            if (entry.getValue().contentHash() != null) {
                json.writeString(entry.getValue().contentHash());
            }
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    /** What {@link #write} wrote: the facts and the snapshot; empty when there is no such file or it cannot be read. */
    public static Optional<Contents> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, String> contents = new java.util.HashMap<>();
        long taken = 0;
        Map<String, Map<String, TreeSnapshot.Entry>> lists = new LinkedHashMap<>();
        KINDS.forEach(kind -> lists.put(kind, new TreeMap<>()));
        try (InputStream in = Files.newInputStream(file); JsonParser json = JSON.createParser(in)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("facts")) {
                    expect(value, JsonToken.START_OBJECT);
                    facts.putAll(readFactsObject(json));
                } else if (field.equals("contents")) {
                    expect(value, JsonToken.START_ARRAY);
                    JsonToken next;
                    while ((next = json.nextToken()) == JsonToken.START_ARRAY) {
                        String path = nextString(json);
                        contents.put(path, nextString(json));
                        expect(json.nextToken(), JsonToken.END_ARRAY);
                    }
                    expect(next, JsonToken.END_ARRAY);
                } else if (field.equals("taken")) {
                    expect(value, JsonToken.VALUE_NUMBER_INT);
                    taken = json.getLongValue();
                } else if (lists.containsKey(field)) {
                    expect(value, JsonToken.START_ARRAY);
                    JsonToken next;
                    while ((next = json.nextToken()) == JsonToken.START_ARRAY) {
                        String path = nextString(json);
                        String sizeAndTime = nextString(json);
                        JsonToken last = json.nextToken();
                        String hash = null;
                        if (last == JsonToken.VALUE_STRING) {
                            hash = json.getText();
                            last = json.nextToken();
                        }
                        expect(last, JsonToken.END_ARRAY);
                        lists.get(field).put(path, new TreeSnapshot.Entry(sizeAndTime, hash));
                    }
                    expect(next, JsonToken.END_ARRAY);
                } else {
                    json.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(new Contents(facts, new TreeSnapshot(taken, lists.get("inputs"), lists.get("generated"), lists.get("binaries")),
                contents));
    }

    /** The string fields of the object whose start {@code json} has just read, up to and with its end. */
    private static Map<String, String> readFactsObject(JsonParser json) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        JsonToken next;
        while ((next = json.nextToken()) == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            expect(json.nextToken(), JsonToken.VALUE_STRING);
            facts.put(name, json.getText());
        }
        expect(next, JsonToken.END_OBJECT);
        return facts;
    }

    private static String nextString(JsonParser json) throws IOException {
        expect(json.nextToken(), JsonToken.VALUE_STRING);
        return json.getText();
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + wanted + ", found " + actual);
        }
    }

    /** The facts of {@code file} alone, read without its snapshot; empty when there is no such file or it cannot be read. */
    public static Optional<Map<String, String>> readFacts(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file); JsonParser json = JSON.createParser(in)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            expect(json.nextToken(), JsonToken.FIELD_NAME);
            if (!json.currentName().equals("facts")) {
                return Optional.empty();
            }
            expect(json.nextToken(), JsonToken.START_OBJECT);
            return Optional.of(readFactsObject(json));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The facts and the snapshot of one file, and the content hashes written beside the snapshot (path to hash).
     */
    public record Contents(Map<String, String> facts, TreeSnapshot snapshot, Map<String, String> contents) {
    }
}
