package io.github.kubemaven.attest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The license a Kubernetes tree gives each vendored module in {@code LICENSES/vendor/<module>/LICENSE} (and its own in
 * {@code LICENSES/LICENSE}), as an SPDX license expression. The common licenses of Go modules are told by their own
 * words (or an {@code SPDX-License-Identifier} line); a text none of them matches is kept whole under a {@code LicenseRef-} of its own, so nothing is guessed.
 */
final class VendorLicenses {

    /** A license found for a module: its SPDX expression, and the text when the expression is a LicenseRef. */
    record Found(String expression, String extractedText) {
    }

    /** The words that tell a license, lower case with single spaces; the first rule of a family wins. */
    private record Rule(String id, List<String> allOf, List<String> noneOf) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("Apache-2.0", List.of("apache license", "version 2.0"), List.of()),
            new Rule("MPL-2.0", List.of("mozilla public license", "2.0"), List.of()),
            new Rule("MIT", List.of("permission is hereby granted, free of charge"), List.of()),
            new Rule("ISC", List.of("permission to use, copy, modify, and", "distribute this software for any purpose with or without fee"),
                    List.of()),
            new Rule("BSD-3-Clause", List.of("redistribution and use in source and binary forms", "neither the name"), List.of()),
            new Rule("BSD-3-Clause", List.of("redistribution and use in source and binary forms", "may not be used to endorse"), List.of()),
            new Rule("BSD-2-Clause", List.of("redistribution and use in source and binary forms"),
                    List.of("neither the name", "may not be used to endorse")),
            new Rule("CC0-1.0", List.of("cc0 1.0 universal"), List.of()),
            new Rule("Unlicense", List.of("this is free and unencumbered software released into the public domain"), List.of()));

    /** A file that names its license the SPDX way says it best. */
    private static final Pattern SPDX_IDENTIFIER = Pattern.compile("SPDX-License-Identifier:[ \\t]*([A-Za-z0-9.+\\-]+(?:[ \\t]+(?:AND|OR|WITH)[ \\t]+[A-Za-z0-9.+\\-]+)*)");

    private final Path root;

    VendorLicenses(Path root) {
        this.root = root;
    }

    /** The tree's own license, from {@code LICENSES/LICENSE} or a top-level {@code LICENSE}. */
    Optional<Found> ofTree() {
        for (String candidate : List.of("LICENSES/LICENSE", "LICENSE")) {
            Optional<Found> found = read(root.resolve(candidate), "kubernetes");
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The license the tree records for a vendored module, if it records one. */
    Optional<Found> of(String modulePath) {
        return read(root.resolve("LICENSES/vendor").resolve(modulePath).resolve("LICENSE"), modulePath);
    }

    private static Optional<Found> read(Path file, String owner) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return Optional.of(identify(withoutHeaderLines(text), owner));
    }

    /** The text without the {@code = vendor/... licensed under: =} lines Kubernetes frames each file with. */
    static String withoutHeaderLines(String text) {
        return text.lines().filter(line -> !(line.startsWith("= ") && line.strip().endsWith("=")) && !isDigestLine(line))
                .collect(Collectors.joining("\n")).strip() + "\n";
    }

    private static boolean isDigestLine(String line) {
        return line.startsWith("= ") && line.matches("= \\S+ [0-9a-f]{32}\\s*");
    }

    static Found identify(String text, String owner) {
        Matcher declared = SPDX_IDENTIFIER.matcher(text);
        if (declared.find()) {
            return new Found(declared.group(1).strip(), null);
        }
        String words = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Set<String> ids = new LinkedHashSet<>();
        for (Rule rule : RULES) {
            if (rule.allOf().stream().allMatch(words::contains) && rule.noneOf().stream().noneMatch(words::contains)) {
                ids.add(rule.id());
            }
        }
        if (ids.contains("BSD-3-Clause")) {
            ids.remove("BSD-2-Clause");
        }
        if (ids.isEmpty()) {
            return new Found(licenseRef(owner), text);
        }
        return new Found(String.join(" AND ", ids), null);
    }

    /** A LicenseRef id for a module's own text: letters, digits, dots and dashes only, as SPDX allows. */
    static String licenseRef(String owner) {
        return "LicenseRef-" + owner.replaceAll("[^A-Za-z0-9.]+", "-");
    }
}
