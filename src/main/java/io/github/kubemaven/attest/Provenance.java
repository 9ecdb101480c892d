package io.github.kubemaven.attest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.kubemaven.release.BuiltState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An in-toto Statement (v1) with an SLSA provenance (v1) predicate: one subject per tarball with its sha256; as the
 * build definition the platforms, tarballs and make variables, as internal parameters the version stamp and the Go
 * build cache the binaries were compiled with, and as resolved dependencies the commit, the build image's context and
 * the cross image; the plugin as builder. Nothing in it depends on where the tree is checked out
 * or when the statement is written.
 */
final class Provenance {

    static final String BUILD_TYPE = "https://kubemaven.github.io/kube-maven-plugin/release/v1";
    static final String BUILDER = "https://kubemaven.github.io/kube-maven-plugin";

    private Provenance() {
    }

    static void write(Path file, List<TarballContents> tarballs, BuiltState built, List<String> parts, long epoch, String pluginVersion) {
        JsonFiles.write(file, json -> {
            json.writeStartObject();
            json.writeStringField("_type", "https://in-toto.io/Statement/v1");
            json.writeArrayFieldStart("subject");
            for (TarballContents tarball : tarballs) {
                json.writeStartObject();
                json.writeStringField("name", tarball.name());
                json.writeObjectFieldStart("digest");
                json.writeStringField("sha256", tarball.sha256());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("predicateType", "https://slsa.dev/provenance/v1");
            json.writeObjectFieldStart("predicate");
            json.writeObjectFieldStart("buildDefinition");
            json.writeStringField("buildType", BUILD_TYPE);
            json.writeObjectFieldStart("externalParameters");
            String platforms = built.flags().getOrDefault("KUBE_BUILD_PLATFORMS", "");
            JsonFiles.stringArray(json, "platforms", Arrays.stream(platforms.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList());
            JsonFiles.stringArray(json, "tarballs", parts);
            json.writeObjectFieldStart("makeVariables");
            for (Map.Entry<String, String> flag : built.flags().entrySet()) {
                json.writeStringField(flag.getKey(), flag.getValue());
            }
            json.writeStringField("SOURCE_DATE_EPOCH", Long.toString(epoch));
            json.writeEndObject();
            json.writeEndObject();
            json.writeObjectFieldStart("internalParameters");
            json.writeStringField("gitVersion", built.versionDefs().version());
            json.writeStringField("gitTreeState", built.versionDefs().treeState());
            json.writeStringField("goBuildCache", built.goCache() == null ? "unknown" : built.goCache());
            json.writeEndObject();
            json.writeArrayFieldStart("resolvedDependencies");
            if (built.versionDefs().commit() != null && !built.versionDefs().commit().isEmpty()) {
                dependency(json, "source", null, "gitCommit", built.versionDefs().commit());
            }
            if (built.buildContext() != null) {
                dependency(json, "build image context", null, "sha256", built.buildContext());
            }
            if (built.crossImageId() != null) {
                dependency(json, "cross image", "docker-image://" + built.crossImage(), "sha256", withoutAlgorithm(built.crossImageId()));
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeObjectFieldStart("runDetails");
            json.writeObjectFieldStart("builder");
            json.writeStringField("id", BUILDER);
            json.writeObjectFieldStart("version");
            json.writeStringField("kube-maven-plugin", pluginVersion);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void dependency(JsonGenerator json, String name, String uri, String algorithm, String digest) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        if (uri != null) {
            json.writeStringField("uri", uri);
        }
        json.writeObjectFieldStart("digest");
        json.writeStringField(algorithm, digest);
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String withoutAlgorithm(String imageId) {
        return imageId.startsWith("sha256:") ? imageId.substring("sha256:".length()) : imageId;
    }
}
