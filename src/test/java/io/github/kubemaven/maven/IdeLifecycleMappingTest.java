package io.github.kubemaven.maven;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdeLifecycleMappingTest {

    @Test
    void anIdeImportRunsNoneOfThePluginsGoals() throws Exception {
        Element mapping;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
            assertThat(in).as("the m2e metadata is on the plugin's class path").isNotNull();
            mapping = PluginDescriptor.parse(in);
        }
        List<String> goals = PluginDescriptor.mojos().stream().map(mojo -> PluginDescriptor.child(mojo, "goal")).toList();
        List<Element> executions = PluginDescriptor.elements(mapping.getElementsByTagName("pluginExecution"));
        assertThat(executions).hasSize(1);
        Element execution = executions.get(0);
        assertThat(PluginDescriptor.elements(execution.getElementsByTagName("goal")).stream().map(goal -> goal.getTextContent().strip()))
                .containsExactlyInAnyOrderElementsOf(goals);
        Element action = (Element) execution.getElementsByTagName("action").item(0);
        assertThat(action.getElementsByTagName("ignore").getLength()).isEqualTo(1);
        assertThat(action.getElementsByTagName("execute").getLength()).isZero();
    }
}
