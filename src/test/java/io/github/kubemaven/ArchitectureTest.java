package io.github.kubemaven;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package graph of the compiled plugin, as jdeps reads it from the class files: imports point one way.
 */
class ArchitectureTest {

    private static final String PREFIX = "io.github.kubemaven.";
    private static final Pattern EDGE = Pattern.compile("^\\s*" + Pattern.quote(PREFIX) + "(\\w+)\\s+->\\s+" + Pattern.quote(PREFIX) + "(\\w+)\\s");
    /** Where maven-plugin-plugin puts the generated help goal. */
    private static final String GENERATED_HELP = "kube_maven_plugin";
    /** Top to bottom; a package may import only packages listed after it. */
    private static final List<String> LAYERS = List.of("maven", "orchestrate", "builders", "image", "attest", "release",
            "transport", "lock", "stamp", "tree", "naming", "version", "engine", "config", "ground");

    private static Map<String, Set<String>> packageGraph() {
        Path classes = Path.of("target/classes");
        assertThat(classes).isDirectory();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int exitCode = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "-verbose:package", "-e", "io\\.github\\.kubemaven\\..*", classes.toString());
        assertThat(exitCode).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find() && !edge.group(1).equals(edge.group(2))) {
                graph.computeIfAbsent(edge.group(1), from -> new TreeSet<>()).add(edge.group(2));
            }
        }
        return graph;
    }

    @Test
    void everyPackageIsInALayerAndImportsOnlyLayersBelowIt() throws Exception {
        Map<String, Set<String>> graph = packageGraph();
        assertThat(graph).isNotEmpty().containsKeys("maven", "orchestrate", "builders");
        try (var packages = Files.list(Path.of("target/classes/io/github/kubemaven"))) {
            List<String> unplaced = packages.filter(Files::isDirectory).map(folder -> folder.getFileName().toString())
                    .filter(name -> !LAYERS.contains(name) && !name.equals(GENERATED_HELP)).toList();
            assertThat(unplaced).as("packages in no layer").isEmpty();
        }
        List<String> upward = new ArrayList<>();
        graph.remove(GENERATED_HELP);
        graph.forEach((from, targets) -> targets.stream().filter(to -> LAYERS.indexOf(to) <= LAYERS.indexOf(from))
                .forEach(to -> upward.add(from + " -> " + to)));
        assertThat(upward).as("imports that point up or sideways").isEmpty();
    }

    /** Imports the compiler drops (unused ones) never reach the class files, so the sources are read too. */
    @Test
    void noSourceImportPointsUp() throws Exception {
        Pattern ownImport = Pattern.compile("^import (?:static )?" + Pattern.quote(PREFIX) + "(\\w+)\\.", Pattern.MULTILINE);
        Path sources = Path.of("src/main/java/io/github/kubemaven");
        List<String> upward = new ArrayList<>();
        try (var files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String from = sources.relativize(file).getName(0).toString();
                Matcher imported = ownImport.matcher(Files.readString(file));
                while (imported.find()) {
                    String to = imported.group(1);
                    if (!to.equals(from) && LAYERS.indexOf(to) <= LAYERS.indexOf(from)) {
                        upward.add(sources.relativize(file) + " imports " + to);
                    }
                }
            }
        }
        assertThat(upward).isEmpty();
    }

    @Test
    void theGroundImportsNothingOfOurs() {
        assertThat(packageGraph().getOrDefault("ground", Set.of())).isEmpty();
    }

    @Test
    void noPackagesImportEachOtherAroundACircle() {
        Map<String, Set<String>> graph = packageGraph();
        for (String start : graph.keySet()) {
            Set<String> reached = new HashSet<>();
            List<String> frontier = new ArrayList<>(graph.get(start));
            while (!frontier.isEmpty()) {
                String next = frontier.remove(frontier.size() - 1);
                assertThat(next).as("a circle through " + start).isNotEqualTo(start);
                if (reached.add(next)) {
                    frontier.addAll(graph.getOrDefault(next, Set.of()));
                }
            }
        }
    }
}
