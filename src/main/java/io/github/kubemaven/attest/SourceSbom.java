package io.github.kubemaven.attest;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SPDX 2.3 SBOM of the source: the tree as one package, and every Go module its {@code vendor/modules.txt} lists
 * as a package it depends on, with the version that is built and the license the tree's {@code LICENSES/} folder
 * gives it. Modules go.mod replaces by a folder of the tree (Kubernetes' staging repositories) carry the tree's
 * version and license.
 */
final class SourceSbom {

    private SourceSbom() {
    }

    /**
     * @param version the tree's version (its git version), or a placeholder when unknown
     * @param commit  the tree's commit, or empty
     */
    static void write(Path file, Path root, String version, String commit, long created, String creator) {
        List<GoModules.Module> modules = GoModules.of(root);
        VendorLicenses licenses = new VendorLicenses(root);
        Optional<VendorLicenses.Found> treeLicense = licenses.ofTree();
        Map<String, String> extracted = new LinkedHashMap<>();
        List<String> namespaceInputs = new ArrayList<>(List.of(version, commit));
        modules.forEach(module -> namespaceInputs.add(module.path() + " " + module.version()));
        String treeId = "SPDXRef-Package-kubernetes";
        JsonFiles.write(file, json -> {
            SpdxWriting.header(json, "kubernetes-src " + version, treeId, created, creator, namespaceInputs);
            json.writeArrayFieldStart("packages");
            writePackage(json, treeId, "kubernetes", version, treeLicense, extracted, null);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < modules.size(); i++) {
                GoModules.Module module = modules.get(i);
                String id = "SPDXRef-Package-go-" + (i + 1) + "-" + SpdxWriting.idSafe(module.path());
                ids.add(id);
                Optional<VendorLicenses.Found> license = licenses.of(module.path());
                if (license.isEmpty() && module.inTree()) {
                    license = treeLicense;
                }
                String builtVersion = module.inTree() ? version : module.version();
                String purlPath = module.replacement() != null && !module.inTree() ? module.replacement() : module.path();
                writePackage(json, id, module.path(), builtVersion, license, extracted,
                        module.inTree() ? null : "pkg:golang/" + purlPath + "@" + module.version().replace("+", "%2B"));
            }
            json.writeEndArray();
            writeExtracted(json, extracted);
            json.writeArrayFieldStart("relationships");
            SpdxWriting.relationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", treeId);
            for (String id : ids) {
                SpdxWriting.relationship(json, treeId, "DEPENDS_ON", id);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writePackage(JsonGenerator json, String id, String name, String version, Optional<VendorLicenses.Found> license,
                                     Map<String, String> extracted, String purl) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("SPDXID", id);
        json.writeStringField("versionInfo", version);
        json.writeStringField("downloadLocation", SpdxWriting.NOASSERTION);
        json.writeBooleanField("filesAnalyzed", false);
        String expression = license.map(VendorLicenses.Found::expression).orElse(SpdxWriting.NOASSERTION);
        license.filter(found -> found.extractedText() != null).ifPresent(found -> extracted.putIfAbsent(found.expression(), found.extractedText()));
        json.writeStringField("licenseConcluded", expression);
        json.writeStringField("licenseDeclared", expression);
        json.writeStringField("copyrightText", SpdxWriting.NOASSERTION);
        if (purl != null) {
            json.writeArrayFieldStart("externalRefs");
            json.writeStartObject();
            json.writeStringField("referenceCategory", "PACKAGE-MANAGER");
            json.writeStringField("referenceType", "purl");
            json.writeStringField("referenceLocator", purl);
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void writeExtracted(JsonGenerator json, Map<String, String> extracted) throws IOException {
        if (extracted.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("hasExtractedLicensingInfos");
        for (Map.Entry<String, String> license : extracted.entrySet()) {
            json.writeStartObject();
            json.writeStringField("licenseId", license.getKey());
            json.writeStringField("extractedText", license.getValue());
            json.writeStringField("name", license.getKey().substring("LicenseRef-".length()));
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
