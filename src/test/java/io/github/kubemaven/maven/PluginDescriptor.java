package io.github.kubemaven.maven;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
