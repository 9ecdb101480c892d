package io.github.kubemaven.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubemaven.release.BuiltState;
import io.github.kubemaven.release.ReproducibleTarball;
import io.github.kubemaven.version.VersionDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spdx.tools.SpdxToolsHelper;
import org.spdx.tools.Verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseAttestationsTest {

    private static final String APACHE = "                                 Apache License\n                           Version 2.0, January 2004\n";
    private static final String MIT = "The MIT License (MIT)\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n";
    private static final long EPOCH = 1610544000L;
    private static final BuiltState BUILT = new BuiltState(new VersionDefs("0123456789abcdef0123456789abcdef01234567", "clean", "v1.20.2", "1", "20"),
            EPOCH, Map.of("KUBE_BUILD_PLATFORMS", "linux/amd64 linux/arm64", "GOFLAGS", ""), "ab".repeat(32),
            "kube-maven-plugin/kube-cross:v1.15.5-1", "sha256:" + "cd".repeat(32), BuiltState.FRESH_GO_CACHE);

    @TempDir
    Path temp;

    @Test
    void checksumsSbomsAndProvenanceDescribeTheTarballs() throws Exception {
        List<ReleaseAttestations.Written> written = release(temp.resolve("one"));
        Path tars = temp.resolve("one/_output/release-tars");
        assertThat(written).extracting(ReleaseAttestations.Written::classifier)
                .containsExactly("sha256sums", "sha512sums", "src-sbom", "release-sbom", "provenance");

        assertThat(Files.readString(tars.resolve("SHA256SUMS"))).isEqualTo(
                sha("SHA-256", tars.resolve("kubernetes-client-linux-amd64.tar.gz")) + "  kubernetes-client-linux-amd64.tar.gz\n"
                        + sha("SHA-256", tars.resolve("kubernetes.tar.gz")) + "  kubernetes.tar.gz\n");
        assertThat(Files.readString(tars.resolve("SHA512SUMS")).lines().toList())
                .containsExactly(sha("SHA-512", tars.resolve("kubernetes-client-linux-amd64.tar.gz")) + "  kubernetes-client-linux-amd64.tar.gz",
                        sha("SHA-512", tars.resolve("kubernetes.tar.gz")) + "  kubernetes.tar.gz");

        SpdxToolsHelper.initialize();
        for (String sbom : List.of("kubernetes-src.spdx.json", "kubernetes-release.spdx.json")) {
            assertThat(Verify.verify(tars.resolve(sbom).toString(), SpdxToolsHelper.SerFileType.JSON)).as(sbom).isEmpty();
        }
        Path broken = temp.resolve("broken.spdx.json");
        Files.writeString(broken, Files.readString(tars.resolve("kubernetes-src.spdx.json")).replace("\"SPDXRef-Package-kubernetes\"",
                "\"SPDXRef-Package kubernetes\""));
        assertThat(Verify.verify(broken.toString(), SpdxToolsHelper.SerFileType.JSON)).as("the validator finds a bad id").isNotEmpty();
        JsonNode source = new ObjectMapper().readTree(tars.resolve("kubernetes-src.spdx.json").toFile());
        assertThat(source.get("creationInfo").get("created").asText()).isEqualTo("2021-01-13T13:20:00Z");
        List<String> packages = new ArrayList<>();
        source.get("packages").forEach(item -> packages.add(item.get("name").asText() + " " + item.get("versionInfo").asText() + " "
                + item.get("licenseDeclared").asText()));
        assertThat(packages).containsExactly("kubernetes v1.20.2 Apache-2.0", "github.com/spf13/cobra v1.1.1 MIT",
                "github.com/old/name v2.0.0+incompatible LicenseRef-github.com-old-name", "k8s.io/api v1.20.2 Apache-2.0");
        assertThat(source.get("packages").get(2).get("externalRefs").get(0).get("referenceLocator").asText())
                .isEqualTo("pkg:golang/github.com/new/name@v2.0.0%2Bincompatible");
        assertThat(source.get("hasExtractedLicensingInfos").get(0).get("extractedText").asText()).isEqualTo("Use it kindly.\n");

        JsonNode release = new ObjectMapper().readTree(tars.resolve("kubernetes-release.spdx.json").toFile());
        List<String> files = new ArrayList<>();
        release.get("files").forEach(item -> files.add(item.get("fileName").asText() + " " + item.get("checksums").get(1).get("checksumValue").asText()));
        assertThat(files).contains("./kubernetes/client/bin/kubectl " + sha("SHA-256", "kubectl bytes".getBytes(StandardCharsets.UTF_8)));

        JsonNode provenance = new ObjectMapper().readTree(tars.resolve("kubernetes-release.intoto.json").toFile());
        assertThat(provenance.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(provenance.get("subject")).hasSize(2);
        assertThat(provenance.get("subject").get(1).get("name").asText()).isEqualTo("kubernetes.tar.gz");
        assertThat(provenance.get("subject").get(1).get("digest").get("sha256").asText()).isEqualTo(sha("SHA-256", tars.resolve("kubernetes.tar.gz")));
        JsonNode definition = provenance.get("predicate").get("buildDefinition");
        assertThat(definition.get("externalParameters").get("platforms").toString()).isEqualTo("[\"linux/amd64\",\"linux/arm64\"]");
        assertThat(definition.get("resolvedDependencies").get(0).get("digest").get("gitCommit").asText()).isEqualTo(BUILT.versionDefs().commit());
        assertThat(definition.get("resolvedDependencies").get(2).get("uri").asText()).isEqualTo("docker-image://kube-maven-plugin/kube-cross:v1.15.5-1");
        assertThat(definition.get("internalParameters").get("goBuildCache").asText()).isEqualTo("fresh");
        assertThat(Files.readString(tars.resolve("kubernetes-release.intoto.json"))).doesNotContain(temp.toString()).endsWith("}\n");
    }

    @Test
    void theSameTreeElsewhereGivesTheSameBytes() throws IOException {
        release(temp.resolve("one"));
        release(temp.resolve("elsewhere/two"));
        for (String name : List.of("SHA256SUMS", "SHA512SUMS", "kubernetes-src.spdx.json", "kubernetes-release.spdx.json",
                "kubernetes-release.intoto.json")) {
            assertThat(temp.resolve("elsewhere/two/_output/release-tars").resolve(name))
                    .as(name).hasSameBinaryContentAs(temp.resolve("one/_output/release-tars").resolve(name));
        }
    }

    @Test
    void theProvenanceListsMakeVariablesInOneOrderHoweverTheyWereGathered() throws IOException {
        Map<String, String> forward = new java.util.LinkedHashMap<>();
        Map<String, String> backward = new java.util.LinkedHashMap<>();
        List<String> names = List.of("GOFLAGS", "KUBE_BUILDER_OS", "KUBE_BUILD_PLATFORMS", "KUBE_FASTBUILD");
        names.forEach(name -> forward.put(name, name.toLowerCase()));
        names.stream().sorted(java.util.Comparator.reverseOrder()).forEach(name -> backward.put(name, name.toLowerCase()));
        Path one = temp.resolve("forward.json");
        Path two = temp.resolve("backward.json");
        Provenance.write(one, List.of(), new BuiltState(BUILT.versionDefs(), EPOCH, forward, null, null, null, null), List.of(), EPOCH, "1");
        Provenance.write(two, List.of(), new BuiltState(BUILT.versionDefs(), EPOCH, backward, null, null, null, null), List.of(), EPOCH, "1");
        assertThat(two).hasSameBinaryContentAs(one);
        assertThat(Files.readString(one).indexOf("\"GOFLAGS\"")).isLessThan(Files.readString(one).indexOf("\"KUBE_FASTBUILD\""));
    }

    @Test
    void vendoredModulesAreReadAsGoListsThem() {
        assertThat(GoModules.parse(List.of(
                "# github.com/a/b v1.0.0",
                "## explicit",
                "github.com/a/b/pkg",
                "# github.com/c/d v0.1.0 => github.com/e/d v0.2.0",
                "# github.com/c/d => github.com/e/d v0.2.0",
                "# k8s.io/api v0.0.0 => ./staging/src/k8s.io/api",
                "# k8s.io/api => ./staging/src/k8s.io/api"))).containsExactly(
                new GoModules.Module("github.com/a/b", "v1.0.0", null),
                new GoModules.Module("github.com/c/d", "v0.2.0", "github.com/e/d"),
                new GoModules.Module("k8s.io/api", "v0.0.0", "./staging/src/k8s.io/api"));
    }

    @Test
    void licensesAreToldByTheirOwnWords() {
        assertThat(VendorLicenses.identify(APACHE, "x").expression()).isEqualTo("Apache-2.0");
        assertThat(VendorLicenses.identify(MIT, "x").expression()).isEqualTo("MIT");
        String bsd = "Redistribution and use in source and binary forms, with or without\nmodification, are permitted";
        assertThat(VendorLicenses.identify(bsd, "x").expression()).isEqualTo("BSD-2-Clause");
        assertThat(VendorLicenses.identify(bsd + "\n * Neither the name of Google Inc. nor", "x").expression()).isEqualTo("BSD-3-Clause");
        assertThat(VendorLicenses.identify(APACHE + "\n" + MIT, "x").expression()).isEqualTo("Apache-2.0 AND MIT");
        assertThat(VendorLicenses.identify("Ours.\nSPDX-License-Identifier: Apache-2.0 OR MIT\n", "x").expression()).isEqualTo("Apache-2.0 OR MIT");
        assertThat(VendorLicenses.identify("Use it kindly.\n", "gopkg.in/x.v1")).isEqualTo(
                new VendorLicenses.Found("LicenseRef-gopkg.in-x.v1", "Use it kindly.\n"));
        assertThat(VendorLicenses.withoutHeaderLines("= vendor/a/b licensed under: =\n\n" + MIT
                + "\n= vendor/a/b/LICENSE 0123456789abcdef0123456789abcdef\n")).isEqualTo(MIT);
    }

    /** A small tree with vendored modules and licenses, and two tarballs of it, with everything that comes with them. */
    private static List<ReleaseAttestations.Written> release(Path root) throws IOException {
        write(root.resolve("vendor/modules.txt"), "# github.com/spf13/cobra v1.1.1\n## explicit\ngithub.com/spf13/cobra\n"
                + "# github.com/old/name v1.0.0 => github.com/new/name v2.0.0+incompatible\n"
                + "# k8s.io/api v0.0.0 => ./staging/src/k8s.io/api\n# k8s.io/api => ./staging/src/k8s.io/api\n");
        write(root.resolve("LICENSES/LICENSE"), APACHE);
        write(root.resolve("LICENSES/vendor/github.com/spf13/cobra/LICENSE"), "= vendor/github.com/spf13/cobra licensed under: =\n\n" + MIT
                + "\n= vendor/github.com/spf13/cobra/LICENSE 0123456789abcdef0123456789abcdef\n");
        write(root.resolve("LICENSES/vendor/github.com/old/name/LICENSE"), "Use it kindly.\n");
        Path stage = root.resolve("_output/stage");
        write(stage.resolve("client/kubernetes/client/bin/kubectl"), "kubectl bytes");
        write(stage.resolve("final/kubernetes/README.md"), "readme");
        Path tars = root.resolve("_output/release-tars");
        Path client = tars.resolve("kubernetes-client-linux-amd64.tar.gz");
        Path whole = tars.resolve("kubernetes.tar.gz");
        ReproducibleTarball.write(client, stage.resolve("client"), "", path -> true, EPOCH);
        ReproducibleTarball.write(whole, stage.resolve("final"), "", path -> true, EPOCH);
        return ReleaseAttestations.write(List.of(whole, client), root, BUILT, List.of("client", "final"), EPOCH);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String sha(String algorithm, Path file) throws IOException {
        return sha(algorithm, Files.readAllBytes(file));
    }

    private static String sha(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
