package io.github.kubemaven.maven;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The plugin descriptor the build generated, which the help goal, the site and IDEs read. */
final class PluginDescriptor {

    private static final Path FILE = Path.of("target/classes/META-INF/maven/plugin.xml");

    private PluginDescriptor() {
    }

    /** The root element of an XML document. */
    static Element parse(InputStream in) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
    }

    /** Each goal's {@code <mojo>} element. */
    static List<Element> mojos() throws Exception {
        try (InputStream in = Files.newInputStream(FILE)) {
            return elements(parse(in).getElementsByTagName("mojo"));
        }
    }

    /** The {@code <mojo>} element of each goal of the plugin's own, help left out, by goal. */
    static Map<String, Element> goals() throws Exception {
        Map<String, Element> goals = new TreeMap<>();
        for (Element mojo : mojos()) {
            String goal = child(mojo, "goal");
            if (!goal.equals("help")) {
                goals.put(goal, mojo);
            }
        }
        return goals;
    }

    /** The names of each goal's parameters, read-only ones included, by goal. */
    static Map<String, Set<String>> parameterNames() throws Exception {
        Map<String, Set<String>> names = new TreeMap<>();
        for (Element mojo : mojos()) {
            Set<String> parameters = new TreeSet<>();
            for (Element parameter : parameters(mojo)) {
                parameters.add(child(parameter, "name"));
            }
            names.put(child(mojo, "goal"), parameters);
        }
        return names;
    }

    /** A goal's {@code <parameter>} elements. */
    static List<Element> parameters(Element mojo) {
        NodeList lists = mojo.getElementsByTagName("parameters");
        return lists.getLength() == 0 ? List.of() : elements(((Element) lists.item(0)).getElementsByTagName("parameter"));
    }

    static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The text of the first {@code name} element under {@code element}, or null. */
    static String child(Element element, String name) {
        NodeList nodes = element.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
