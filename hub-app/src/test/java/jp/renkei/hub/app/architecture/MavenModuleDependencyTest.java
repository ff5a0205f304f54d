package jp.renkei.hub.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The Maven modules depend on each other only in the declared direction (see {@link ModuleLayers}). */
class MavenModuleDependencyTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyModuleOfTheBuildHasALayer() throws Exception {
        List<String> declared = childElements(parse(ROOT.resolve("pom.xml")), "modules", "module");
        assertThat(declared).containsExactlyInAnyOrderElementsOf(
                ModuleLayers.MODULES.stream().map(ModuleLayers.Module::artifactId).toList());
    }

    @Test
    void modulesDependOnlyOnLowerLayers() throws Exception {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        for (ModuleLayers.Module module : ModuleLayers.MODULES) {
            graph.put(module.artifactId(), projectDependencies(ROOT.resolve(module.artifactId()).resolve("pom.xml")));
        }
        assertThat(graph.get("hub-app")).as("hub-app assembles every feature module")
                .contains("gateway-connector", "dicom-bridge", "vpn-provisioning", "care-net");
        assertThat(ModuleLayers.violations(graph)).isEmpty();
    }

    @Test
    void theCheckCatchesUpwardAndSidewaysDependencies() {
        assertThat(ModuleLayers.violations(ModuleLayers.graph(
                "hub-core", new String[] {"fhir-server"},
                "dicom-bridge", new String[] {"gateway-connector", "hub-core"},
                "consent-registry", new String[] {"hub-core"})))
                .containsExactly("dicom-bridge -> gateway-connector", "hub-core -> fhir-server");
        assertThatThrownBy(() -> ModuleLayers.violations(ModuleLayers.graph("new-module", new String[] {})))
                .hasMessageContaining("no place in ModuleLayers");
    }

    private static Set<String> projectDependencies(Path pom) throws Exception {
        Set<String> result = new LinkedHashSet<>();
        Element project = parse(pom).getDocumentElement();
        for (Node dependencies = project.getFirstChild(); dependencies != null; dependencies = dependencies.getNextSibling()) {
            if (!"dependencies".equals(dependencies.getNodeName())) {
                continue;
            }
            NodeList list = ((Element) dependencies).getElementsByTagName("dependency");
            for (int i = 0; i < list.getLength(); i++) {
                Element dependency = (Element) list.item(i);
                if ("jp.renkei".equals(text(dependency, "groupId"))) {
                    result.add(text(dependency, "artifactId"));
                }
            }
        }
        return result;
    }

    private static Document parse(Path pom) throws Exception {
        assertThat(pom).exists();
        try (var in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static List<String> childElements(Document document, String parent, String child) {
        Element parentElement = (Element) document.getDocumentElement().getElementsByTagName(parent).item(0);
        NodeList nodes = parentElement.getElementsByTagName(child);
        return java.util.stream.IntStream.range(0, nodes.getLength())
                .mapToObj(i -> nodes.item(i).getTextContent().trim()).toList();
    }

    private static String text(Element element, String tag) {
        return element.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
