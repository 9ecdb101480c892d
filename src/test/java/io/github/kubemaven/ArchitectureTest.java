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
 * The package graph of the compiled plugin, as jdeps reads it from the class files: imports point one way. A
 * subpackage (a room of its layer, such as {@code engine.connect}) belongs to its top package's layer: it may import
 * the packages it lies in and the layers below, its parent package may import it, and nothing in a lower layer may.
 */
class ArchitectureTest {

    private static final String PREFIX = "io.github.kubemaven.";
    private static final String PACKAGE = "([a-z_]\\w*(?:\\.[a-z_]\\w*)*)";
    private static final Pattern EDGE = Pattern.compile("^\\s*" + Pattern.quote(PREFIX) + PACKAGE + "\\s+->\\s+"
            + Pattern.quote(PREFIX) + PACKAGE + "\\s");
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

    /** The layer of a package: that of its top package. */
    private static String layerOf(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    private static boolean within(String pkg, String outer) {
        return pkg.startsWith(outer + ".");
    }

    /**
     * Whether {@code from} may import {@code to}: a layer below, or within one layer the package a subpackage lies in,
     * or a subpackage of the importing package.
     */
    static boolean mayImport(String from, String to) {
        if (!layerOf(from).equals(layerOf(to))) {
            return LAYERS.indexOf(layerOf(to)) > LAYERS.indexOf(layerOf(from));
        }
        return from.equals(to) || within(from, to) || within(to, from);
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
        graph.forEach((from, targets) -> targets.stream().filter(to -> !mayImport(from, to))
                .forEach(to -> upward.add(from + " -> " + to)));
        assertThat(upward).as("imports that point up or sideways").isEmpty();
    }

    /** Imports the compiler drops (unused ones) never reach the class files, so the sources are read too. */
    @Test
    void noSourceImportPointsUp() throws Exception {
        Pattern ownImport = Pattern.compile("^import (?:static )?" + Pattern.quote(PREFIX) + PACKAGE + "\\.[A-Z]", Pattern.MULTILINE);
        Path sources = Path.of("src/main/java/io/github/kubemaven");
        List<String> upward = new ArrayList<>();
        try (var files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String from = sources.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                Matcher imported = ownImport.matcher(Files.readString(file));
                while (imported.find()) {
                    if (!mayImport(from, imported.group(1))) {
                        upward.add(sources.relativize(file) + " imports " + imported.group(1));
                    }
                }
            }
        }
        assertThat(upward).isEmpty();
    }

    @Test
    void subpackagesAreSeenAndKeptInTheirLayer() {
        assertThat(mayImport("engine", "engine.connect")).isTrue();
        assertThat(mayImport("engine.connect", "engine")).isTrue();
        assertThat(mayImport("engine.connect", "ground")).isTrue();
        assertThat(mayImport("builders", "engine.connect")).isTrue();
        assertThat(mayImport("engine.connect", "builders")).isFalse();
        assertThat(mayImport("engine.connect", "config")).isTrue();
        assertThat(mayImport("ground", "engine.connect")).isFalse();
        assertThat(mayImport("engine.connect", "engine.other")).isFalse();
        assertThat(packageGraph()).containsKey("engine.connect");
    }

    @Test
    void theGroundImportsNothingOfOurs() {
        Map<String, Set<String>> graph = packageGraph();
        graph.forEach((from, targets) -> {
            if (layerOf(from).equals("ground")) {
                assertThat(targets).as(from).allMatch(to -> layerOf(to).equals("ground"));
            }
        });
        assertThat(graph.getOrDefault("ground", Set.of())).isEmpty();
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
