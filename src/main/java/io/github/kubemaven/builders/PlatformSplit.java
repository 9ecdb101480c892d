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
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which engine builds which platforms: the most costly platform first, each to the engine with the least work so far
 * (longest processing time first). A platform's cost is the seconds it took in earlier runs, kept in the tree under
 * {@code _output/}; one never built costs what the known ones cost on average, and with nothing known every platform
 * costs the same, which deals them out evenly.
 */
final class PlatformSplit {

    static final String RECORD = OutputFolder.PLUGIN_FOLDER + "/platform-seconds.properties";

    private final Map<String, Double> seconds;

    private PlatformSplit(Map<String, Double> seconds) {
        this.seconds = seconds;
    }

    /** The costs recorded in the tree at {@code root}; none when it has no record or an unreadable one. */
    static PlatformSplit recordedIn(Path root) {
        Map<String, Double> seconds = new TreeMap<>();
        Path file = root.resolve(RECORD);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
                properties.stringPropertyNames().forEach(platform -> seconds.put(platform, Double.parseDouble(properties.getProperty(platform))));
            } catch (IOException | NumberFormatException e) {
                seconds.clear();
            }
        }
        return new PlatformSplit(seconds);
    }

    /** Platforms per engine, in the engines' order; an engine left without any is left out. */
    Map<String, List<String>> split(List<String> platforms, List<String> engines) {
        double unknown = seconds.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
        List<String> byCost = new ArrayList<>(platforms);
        byCost.sort(Comparator.comparingDouble((String platform) -> seconds.getOrDefault(platform, unknown)).reversed());
        Map<String, List<String>> shares = new LinkedHashMap<>();
        Map<String, Double> load = new LinkedHashMap<>();
        engines.forEach(engine -> {
            shares.put(engine, new ArrayList<>());
            load.put(engine, 0.0);
        });
        for (String platform : byCost) {
            String lightest = engines.stream().min(Comparator.comparingDouble(load::get)).orElseThrow();
            shares.get(lightest).add(platform);
            load.merge(lightest, seconds.getOrDefault(platform, unknown), Double::sum);
        }
        shares.values().removeIf(List::isEmpty);
        shares.values().forEach(share -> share.sort(Comparator.comparingInt(platforms::indexOf)));
        return shares;
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
        OutputFolder.writeAtomically(file, out -> properties.store(out, "seconds each platform took to build, for spreading platforms over engines"));
    }
}
