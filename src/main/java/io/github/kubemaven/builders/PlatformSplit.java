package io.github.kubemaven.builders;

import io.github.kubemaven.ground.OutputFolder;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which engine builds which platforms: the most costly platform first, each to the engine with the least work so far
 * (longest processing time first). A platform's cost is the seconds it took in earlier runs, kept in the tree under
 * {@code _output/}; one never built costs what the known ones cost on average, and with nothing known every platform
 * costs the same, which deals them out evenly. A platform stays on the engine that built it last, where its packages
 * are compiled already, as long as that keeps the engine's load within {@link #STICKY_SLACK} of the even split's
 * longest share: elsewhere it would be built from nothing.
 */
final class PlatformSplit {

    static final String RECORD = OutputFolder.PLUGIN_FOLDER + "/platform-seconds.properties";
    /** In the record, before a platform: the engine that built it last. */
    private static final String ENGINE_KEY = "engine.";
    static final double STICKY_SLACK = 1.25;

    private final Map<String, Double> seconds;
    private final Map<String, String> lastEngine;

    private PlatformSplit(Map<String, Double> seconds, Map<String, String> lastEngine) {
        this.seconds = seconds;
        this.lastEngine = lastEngine;
    }

    /** The costs recorded in the tree at {@code root}; none when it has no record or an unreadable one. */
    static PlatformSplit recordedIn(Path root) {
        Map<String, Double> seconds = new TreeMap<>();
        Map<String, String> lastEngine = new TreeMap<>();
        Path file = root.resolve(RECORD);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
                for (String key : properties.stringPropertyNames()) {
                    if (key.startsWith(ENGINE_KEY)) {
                        lastEngine.put(key.substring(ENGINE_KEY.length()), properties.getProperty(key));
                    } else {
                        seconds.put(key, Double.parseDouble(properties.getProperty(key)));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                seconds.clear();
                lastEngine.clear();
            }
        }
        return new PlatformSplit(seconds, lastEngine);
    }

    /** The engines that built {@code platforms} last, as the record names them. */
    Set<String> lastEngines(List<String> platforms) {
        Set<String> engines = new TreeSet<>();
        platforms.forEach(platform -> Optional.ofNullable(lastEngine.get(platform)).ifPresent(engines::add));
        return engines;
    }

    /** Platforms per engine, in the engines' order; an engine left without any is left out. */
    Map<String, List<String>> split(List<String> platforms, List<String> engines) {
        double unknown = seconds.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
        List<String> byCost = new ArrayList<>(platforms);
        byCost.sort(Comparator.comparingDouble((String platform) -> seconds.getOrDefault(platform, unknown)).reversed());
        Map<String, List<String>> even = deal(byCost, engines, Map.of(), unknown);
        double evenLongest = longest(even, unknown);
        Map<String, List<String>> kept = new LinkedHashMap<>();
        Map<String, Double> keptLoad = new LinkedHashMap<>();
        for (String platform : byCost) {
            String engine = lastEngine.get(platform);
            double cost = seconds.getOrDefault(platform, unknown);
            if (engine != null && engines.contains(engine) && keptLoad.getOrDefault(engine, 0.0) + cost <= evenLongest * STICKY_SLACK) {
                kept.computeIfAbsent(engine, key -> new ArrayList<>()).add(platform);
                keptLoad.merge(engine, cost, Double::sum);
            }
        }
        List<String> rest = byCost.stream().filter(platform -> kept.values().stream().noneMatch(share -> share.contains(platform))).toList();
        Map<String, List<String>> shares = deal(rest, engines, kept, unknown);
        if (longest(shares, unknown) > evenLongest * STICKY_SLACK) {
            shares = even;
        }
        shares.values().removeIf(List::isEmpty);
        shares.values().forEach(share -> share.sort(Comparator.comparingInt(platforms::indexOf)));
        return shares;
    }

    private double longest(Map<String, List<String>> shares, double unknown) {
        return shares.values().stream()
                .mapToDouble(share -> share.stream().mapToDouble(platform -> seconds.getOrDefault(platform, unknown)).sum())
                .max().orElse(0);
    }

    /** {@code byCost} dealt out over {@code engines}, each to the one with the least work so far, after {@code kept}. */
    private Map<String, List<String>> deal(List<String> byCost, List<String> engines, Map<String, List<String>> kept, double unknown) {
        Map<String, List<String>> shares = new LinkedHashMap<>();
        Map<String, Double> load = new LinkedHashMap<>();
        engines.forEach(engine -> {
            List<String> share = new ArrayList<>(kept.getOrDefault(engine, List.of()));
            shares.put(engine, share);
            load.put(engine, share.stream().mapToDouble(platform -> seconds.getOrDefault(platform, unknown)).sum());
        });
        for (String platform : byCost) {
            String lightest = engines.stream().min(Comparator.comparingDouble(load::get)).orElseThrow();
            shares.get(lightest).add(platform);
            load.merge(lightest, seconds.getOrDefault(platform, unknown), Double::sum);
        }
        return shares;
    }

    /** Notes that {@code engine} built {@code platforms}, so that they go to it again. */
    void builtOn(List<String> platforms, String engine) {
        platforms.forEach(platform -> lastEngine.put(platform, engine));
    }

    /** Notes that building {@code platforms} together took {@code total} seconds, shared among them by their known costs. */
    void took(List<String> platforms, double total) {
        double unknown = seconds.values().stream().mapToDouble(Double::doubleValue).filter(value -> value > 0).average().orElse(1);
        Map<String, Double> weights = new LinkedHashMap<>();
        platforms.forEach(platform -> weights.put(platform, seconds.getOrDefault(platform, 0.0) > 0 ? seconds.get(platform) : unknown));
        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        weights.forEach((platform, weight) -> seconds.put(platform, total * weight / sum));
    }

    double seconds(String platform) {
        return seconds.getOrDefault(platform, 0.0);
    }

    void writeTo(Path root) {
        Path file = root.resolve(RECORD);
        Properties properties = new Properties();
        seconds.forEach((platform, value) -> properties.setProperty(platform, String.format(java.util.Locale.ROOT, "%.1f", value)));
        lastEngine.forEach((platform, engine) -> properties.setProperty(ENGINE_KEY + platform, engine));
        OutputFolder.writeAtomically(file, out -> properties.store(out, "seconds each platform took to build and the engine that built it last, for spreading platforms over engines"));
    }
}
