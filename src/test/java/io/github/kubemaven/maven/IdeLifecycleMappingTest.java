package io.github.kubemaven.maven;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdeLifecycleMappingTest {

    private static Document parse(InputStream in) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }

    @Test
    void anIdeImportRunsNoneOfThePluginsGoals() throws Exception {
        Document mapping;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
            assertThat(in).as("the m2e metadata is on the plugin's class path").isNotNull();
            mapping = parse(in);
        }
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        List<String> goals;
        try (InputStream in = Files.newInputStream(descriptor)) {
            Element mojos = (Element) parse(in).getDocumentElement().getElementsByTagName("mojos").item(0);
            goals = new ArrayList<>();
            NodeList mojoList = mojos.getElementsByTagName("mojo");
            for (int i = 0; i < mojoList.getLength(); i++) {
                goals.add(((Element) mojoList.item(i)).getElementsByTagName("goal").item(0).getTextContent().strip());
            }
        }
        NodeList executions = mapping.getElementsByTagName("pluginExecution");
        assertThat(executions.getLength()).isEqualTo(1);
        Element execution = (Element) executions.item(0);
        assertThat(texts(execution.getElementsByTagName("goal"))).containsExactlyInAnyOrderElementsOf(goals);
        Element action = (Element) execution.getElementsByTagName("action").item(0);
        assertThat(action.getElementsByTagName("ignore").getLength()).isEqualTo(1);
        assertThat(action.getElementsByTagName("execute").getLength()).isZero();
    }
}
