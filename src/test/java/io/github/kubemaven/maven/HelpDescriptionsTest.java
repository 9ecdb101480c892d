package io.github.kubemaven.maven;

import io.github.kubemaven.config.UserProperty;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code mvn kube:help -Ddetail} shows of each parameter, read from the plugin descriptor it prints from. */
class HelpDescriptionsTest {

    private static final Map<String, UserProperty> PROPERTIES = Arrays.stream(UserProperty.values())
            .collect(Collectors.toMap(UserProperty::property, Function.identity()));

    /** Maven's own switches, which the test goal honours under their usual names. */
    private static final List<String> MAVEN_PROPERTIES = List.of("${skipTests}", "${maven.test.skip}");
    /** Parameters that read a project property as every Maven plugin does, with no user property of their own. */
    private static final List<String> MAVEN_DEFAULTS = List.of("${project.build.outputTimestamp}");

    /** Properties that may hold a password: no parameter binds them, since mvn -X prints every parameter's value. */
    private static final List<String> SECRET_PROPERTIES = List.of("${kube.httpProxy}", "${kube.httpsProxy}");

    @Test
    void noParameterBindsAPropertyThatMayHoldAPassword() throws Exception {
        List<String> bound = new ArrayList<>();
        for (Element mojo : PluginDescriptor.mojos()) {
            Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
            NodeList parameters = configuration == null ? null : configuration.getChildNodes();
            for (int j = 0; parameters != null && j < parameters.getLength(); j++) {
                if (SECRET_PROPERTIES.contains(parameters.item(j).getTextContent().strip())) {
                    bound.add(PluginDescriptor.child(mojo, "goal") + "." + parameters.item(j).getNodeName());
                }
            }
        }
        assertThat(PluginDescriptor.mojos()).isNotEmpty();
        assertThat(bound).isEmpty();
    }

    @Test
    void everyParameterSaysItsUserPropertyItsDefaultAndItsEnvironmentVariable() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Element> goals : PluginDescriptor.goals().entrySet()) {
            String goal = goals.getKey();
            Element mojo = goals.getValue();
            Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int j = 0; j < parameters.getLength(); j++) {
                Element parameter = (Element) parameters.item(j);
                if (!"true".equals(PluginDescriptor.child(parameter, "editable"))) {
                    continue;
                }
                String name = PluginDescriptor.child(parameter, "name");
                String description = PluginDescriptor.child(parameter, "description");
                Element configured = configuration == null ? null : (Element) configuration.getElementsByTagName(name).item(0);
                String expression = configured == null ? "" : configured.getTextContent().strip();
                boolean hasDefault = configured != null && configured.hasAttribute("default-value");
                String where = goal + "." + name;
                checked++;
                if (description == null || description.isBlank()) {
                    problems.add(where + ": no description");
                    continue;
                }
                if (PluginDescriptor.child(parameter, "since") == null) {
                    problems.add(where + ": no @since");
                }
                if (MAVEN_PROPERTIES.contains(expression)
                        || hasDefault && MAVEN_DEFAULTS.contains(configured.getAttribute("default-value"))) {
                    continue;
                }
                if (!expression.startsWith("${kube.")) {
                    problems.add(where + ": no kube.* user property (" + expression + ")");
                    continue;
                }
                UserProperty property = PROPERTIES.get(expression.substring(2, expression.length() - 1));
                if (property != null) {
                    property.variable().filter(variable -> !description.contains(variable))
                            .ifPresent(variable -> problems.add(where + ": does not name its environment variable " + variable));
                }
                if (!hasDefault && !description.contains("Unset:")) {
                    problems.add(where + ": has no default and does not say what happens when unset");
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(problems).isEmpty();
    }
}
