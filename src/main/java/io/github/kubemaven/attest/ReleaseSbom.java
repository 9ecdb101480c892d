package io.github.kubemaven.attest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.kubemaven.ground.Hashing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The SPDX 2.3 SBOM of the release: every tarball as a package with its sha256 and sha512, and every regular file
 * inside it as a file of that package with its sha1 and sha256.
 */
final class ReleaseSbom {

    private ReleaseSbom() {
    }

    static void write(Path file, List<TarballContents> tarballs, String version, long created, String creator) {
        List<String> namespaceInputs = new ArrayList<>(List.of(version));
        tarballs.forEach(tarball -> namespaceInputs.add(tarball.name() + " " + tarball.sha256()));
        String releaseId = "SPDXRef-Package-kubernetes-release";
        JsonFiles.write(file, json -> {
            SpdxWriting.header(json, "kubernetes-release " + version, releaseId, created, creator, namespaceInputs);
            json.writeArrayFieldStart("packages");
            json.writeStartObject();
            json.writeStringField("name", "kubernetes-release");
            json.writeStringField("SPDXID", releaseId);
            json.writeStringField("versionInfo", version);
            json.writeStringField("downloadLocation", SpdxWriting.NOASSERTION);
            json.writeBooleanField("filesAnalyzed", false);
            json.writeStringField("licenseConcluded", SpdxWriting.NOASSERTION);
            json.writeStringField("licenseDeclared", SpdxWriting.NOASSERTION);
            json.writeStringField("copyrightText", SpdxWriting.NOASSERTION);
            json.writeEndObject();
            for (int i = 0; i < tarballs.size(); i++) {
                writeTarball(json, tarballId(i, tarballs.get(i)), tarballs.get(i), version);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("files");
            for (int i = 0; i < tarballs.size(); i++) {
                List<TarballContents.Entry> entries = tarballs.get(i).entries();
                for (int j = 0; j < entries.size(); j++) {
                    writeFile(json, fileId(i, j), entries.get(j));
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("relationships");
            SpdxWriting.relationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", releaseId);
            for (int i = 0; i < tarballs.size(); i++) {
                String tarballId = tarballId(i, tarballs.get(i));
                SpdxWriting.relationship(json, releaseId, "CONTAINS", tarballId);
                for (int j = 0; j < tarballs.get(i).entries().size(); j++) {
                    SpdxWriting.relationship(json, tarballId, "CONTAINS", fileId(i, j));
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static String tarballId(int index, TarballContents tarball) {
        return "SPDXRef-Package-" + (index + 1) + "-" + SpdxWriting.idSafe(tarball.name());
    }

    private static String fileId(int tarball, int entry) {
        return "SPDXRef-File-" + (tarball + 1) + "-" + (entry + 1);
    }

    private static void writeTarball(JsonGenerator json, String id, TarballContents tarball, String version) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", tarball.name());
        json.writeStringField("SPDXID", id);
        json.writeStringField("versionInfo", version);
        json.writeStringField("packageFileName", tarball.name());
        json.writeStringField("downloadLocation", SpdxWriting.NOASSERTION);
        json.writeBooleanField("filesAnalyzed", true);
        json.writeObjectFieldStart("packageVerificationCode");
        json.writeStringField("packageVerificationCodeValue", verificationCode(tarball.entries()));
        json.writeEndObject();
        json.writeArrayFieldStart("checksums");
        SpdxWriting.checksum(json, "SHA256", tarball.sha256());
        SpdxWriting.checksum(json, "SHA512", tarball.sha512());
        json.writeEndArray();
        json.writeStringField("licenseConcluded", SpdxWriting.NOASSERTION);
        JsonFiles.stringArray(json, "licenseInfoFromFiles", List.of(SpdxWriting.NOASSERTION));
        json.writeStringField("licenseDeclared", SpdxWriting.NOASSERTION);
        json.writeStringField("copyrightText", SpdxWriting.NOASSERTION);
        json.writeEndObject();
    }

    private static void writeFile(JsonGenerator json, String id, TarballContents.Entry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("fileName", "./" + entry.name());
        json.writeStringField("SPDXID", id);
        json.writeArrayFieldStart("checksums");
        SpdxWriting.checksum(json, "SHA1", entry.sha1());
        SpdxWriting.checksum(json, "SHA256", entry.sha256());
        json.writeEndArray();
        json.writeStringField("licenseConcluded", SpdxWriting.NOASSERTION);
        JsonFiles.stringArray(json, "licenseInfoInFiles", List.of(SpdxWriting.NOASSERTION));
        json.writeStringField("copyrightText", SpdxWriting.NOASSERTION);
        json.writeEndObject();
    }

    /** SPDX's package verification code: the sha1 of the files' sha1s, sorted and joined. */
    static String verificationCode(List<TarballContents.Entry> entries) {
        List<String> sha1s = new ArrayList<>(entries.stream().map(TarballContents.Entry::sha1).toList());
        sha1s.sort(null);
        MessageDigest sha1 = Hashing.digest("SHA-1");
        sha1s.forEach(value -> sha1.update(value.getBytes(StandardCharsets.US_ASCII)));
        return Hashing.hex(sha1);
    }
}
