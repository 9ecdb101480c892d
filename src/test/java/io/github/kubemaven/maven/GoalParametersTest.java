package io.github.kubemaven.maven;

import io.github.kubemaven.config.RawParameters;
import io.github.kubemaven.config.UserProperty;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.File;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each goal declares the parameters its run reads and no others, as the plugin descriptor, and so
 * {@code mvn kube:help -Ddetail -Dgoal=...}, lists them.
 */
class GoalParametersTest {

    private static final Set<String> MAVEN = Set.of("session", "mojoExecution");
    /** The tree, its lock, the engines, and the cross tag that names the build image and the volumes. */
    private static final Set<String> EVERY_GOAL = Set.of("skip", "root", "lockTimeout", "dockerHost", "engine", "engines", "crossTag");
    /** The version stamp, and how files move between the tree and the build volume. */
    private static final Set<String> SYNC = Set.of("gitVersionFile", "verbose", "sync", "rsyncPort", "rsyncTransport", "rsyncCompress",
            "keepGenerated");
    /** The build image, a new volume's seed, and the build container with what make is told. */
    private static final Set<String> CONTAINER = Set.of("crossImage", "registryServerId", "registry", "noProxy", "cpus", "memory", "seed", "platforms",
            "goflags", "gogcflags", "goldflags", "fastBuild", "sourceDateEpoch", "outputTimestamp");
    /** Where a build runs. */
    private static final Set<String> BUILD = Set.of("mode", "engineRetry");
    /** The host's Go and the shared Go build cache, which a release build uses neither of. */
    private static final Set<String> DEVELOPMENT = Set.of("goRoot", "goCacheSize");

    private static final Map<String, Set<String>> READ = Map.of(
            "clean", union(MAVEN, EVERY_GOAL, Set.of("crossImage", "cleanCache", "cleanBranch")),
            "copy-output", union(MAVEN, EVERY_GOAL, SYNC),
            "shell", union(MAVEN, EVERY_GOAL, SYNC, CONTAINER, Set.of("shellCommand")),
            "build", union(MAVEN, EVERY_GOAL, SYNC, CONTAINER, BUILD, DEVELOPMENT, Set.of("copyOutput", "force", "what", "targets", "quick")),
            "run", union(MAVEN, EVERY_GOAL, SYNC, CONTAINER, BUILD, DEVELOPMENT, Set.of("copyOutput", "command")),
            "test", union(MAVEN, EVERY_GOAL, SYNC, CONTAINER, BUILD, DEVELOPMENT, Set.of("what", "testTargets", "testArgs", "race",
                    "testTimeout", "testFailureIgnore", "skipTests", "mavenTestSkip")),
            "package", union(MAVEN, EVERY_GOAL, SYNC, CONTAINER, BUILD, Set.of("project", "force", "attach", "tarballs", "crossBuild",
                    "releaseImages")),
            "help", Set.of("detail", "goal", "indentSize", "lineLength"));

    @SafeVarargs
    private static Set<String> union(Set<String>... groups) {
        Set<String> all = new TreeSet<>();
        Arrays.stream(groups).forEach(all::addAll);
        return all;
    }

    @Test
    void eachGoalListsExactlyTheParametersItReads() throws Exception {
        Map<String, Set<String>> declared = PluginDescriptor.parameterNames();
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(READ.keySet());
        for (Map.Entry<String, Set<String>> goal : declared.entrySet()) {
            assertThat(goal.getValue()).as("parameters of kube:" + goal.getKey())
                    .containsExactlyInAnyOrderElementsOf(READ.get(goal.getKey()));
        }
    }

    @Test
    void cleanListsNoParameterOfTheBuild() throws Exception {
        assertThat(PluginDescriptor.parameterNames().get("clean"))
                .contains("dockerHost", "crossTag", "cleanBranch")
                .doesNotContain("platforms", "what", "noProxy", "goflags", "sync", "seed", "mode", "cpus", "memory", "force");
    }

    @Test
    void everyGoalTakesKubeSkip() throws Exception {
        Map<String, Element> goals = PluginDescriptor.goals();
        assertThat(goals).hasSize(READ.size() - 1);
        goals.forEach((goal, mojo) -> assertThat(configuration(mojo)).as(goal).containsEntry("skip", "${kube.skip}"));
    }

    /** A parameter a goal declares but does not hand over would be listed by its help and change nothing. */
    @Test
    void everyParameterOfAGoalReachesItsSettings() throws Exception {
        List<String> lost = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Element> goal : PluginDescriptor.goals().entrySet()) {
            Element mojo = goal.getValue();
            AbstractKubeMojo instance = (AbstractKubeMojo) Class.forName(PluginDescriptor.child(mojo, "implementation"))
                    .getDeclaredConstructor().newInstance();
            instance.environment(Map.<String, String>of()::get);
            Map<String, UserProperty> properties = new TreeMap<>();
            configuration(mojo).forEach((name, expression) -> property(expression).ifPresent(property -> properties.put(name, property)));
            Map<String, String> given = new TreeMap<>();
            for (String name : properties.keySet()) {
                given.put(name, set(instance, name));
            }
            RawParameters raw = instance.rawParameters();
            for (Map.Entry<String, UserProperty> parameter : properties.entrySet()) {
                checked++;
                if (!raw.value(parameter.getValue()).equals(Optional.of(given.get(parameter.getKey())))) {
                    lost.add(goal.getKey() + "." + parameter.getKey());
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(lost).isEmpty();
    }

    /** Each parameter of a goal's {@code <configuration>} with the expression (or default) that fills it. */
    private static Map<String, String> configuration(Element mojo) {
        Map<String, String> expressions = new TreeMap<>();
        NodeList configurations = mojo.getElementsByTagName("configuration");
        NodeList children = configurations.getLength() == 0 ? null : configurations.item(0).getChildNodes();
        for (int i = 0; children != null && i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                Element parameter = (Element) children.item(i);
                String expression = parameter.getTextContent().strip();
                expressions.put(parameter.getNodeName(), expression.isEmpty() ? parameter.getAttribute("default-value") : expression);
            }
        }
        return expressions;
    }

    private static Optional<UserProperty> property(String expression) {
        return Stream.of(UserProperty.values()).filter(property -> expression.equals("${" + property.property() + "}")).findFirst();
    }

    /** Gives the field behind a parameter a value that is not its default, and returns that value as text. */
    private static String set(AbstractKubeMojo mojo, String name) throws ReflectiveOperationException {
        for (Class<?> type = mojo.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    Object value = field.getType() == boolean.class ? Boolean.TRUE
                            : field.getType() == File.class ? new File("/elsewhere") : "7";
                    field.setAccessible(true);
                    field.set(mojo, value);
                    return value.toString();
                }
            }
        }
        throw new NoSuchFieldException(name);
    }
}
