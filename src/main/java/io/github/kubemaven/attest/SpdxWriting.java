package io.github.kubemaven.attest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.kubemaven.ground.Hashing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** The parts every SPDX 2.3 document of the release shares. */
final class SpdxWriting {

    static final String NOASSERTION = "NOASSERTION";
    static final String NAMESPACE_BASE = "https://kubemaven.github.io/kube-maven-plugin/spdx/";

    private SpdxWriting() {
    }

    /**
     * The document's header up to its packages.
     *
     * @param namespaceInputs what makes the document what it is; its hash makes the namespace unique per content
     *                        and the same for the same content
     */
    static void header(JsonGenerator json, String name, String describes, long created, String creator, List<String> namespaceInputs)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("spdxVersion", "SPDX-2.3");
        json.writeStringField("dataLicense", "CC0-1.0");
        json.writeStringField("SPDXID", "SPDXRef-DOCUMENT");
        json.writeStringField("name", name);
        json.writeStringField("documentNamespace", NAMESPACE_BASE + idSafe(name) + "-" + hashOf(namespaceInputs));
        json.writeObjectFieldStart("creationInfo");
        json.writeStringField("created", JsonFiles.time(created));
        JsonFiles.stringArray(json, "creators", List.of("Tool: " + creator));
        json.writeEndObject();
        JsonFiles.stringArray(json, "documentDescribes", List.of(describes));
    }

    static void relationship(JsonGenerator json, String from, String type, String to) throws IOException {
        json.writeStartObject();
        json.writeStringField("spdxElementId", from);
        json.writeStringField("relationshipType", type);
        json.writeStringField("relatedSpdxElement", to);
        json.writeEndObject();
    }

    static void checksum(JsonGenerator json, String algorithm, String value) throws IOException {
        json.writeStartObject();
        json.writeStringField("algorithm", algorithm);
        json.writeStringField("checksumValue", value);
        json.writeEndObject();
    }

    /** Letters, digits, dots and dashes: what an SPDX id may hold after {@code SPDXRef-}. */
    static String idSafe(String text) {
        return text.replaceAll("[^A-Za-z0-9.]+", "-");
    }

    private static String hashOf(List<String> inputs) {
        MessageDigest sha256 = Hashing.digest("SHA-256");
        for (String input : inputs) {
            sha256.update(input.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return Hashing.hex(sha256).substring(0, 32);
    }
}
