package jp.renkei.hub.app.architecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one statement of the dependency direction: {@code hub-core ← consent-registry ← fhir-server ← feature
 * modules ← hub-app ← hub-bench ← hub-ops}. A module may use only modules of a lower layer; feature modules do not
 * use each other.
 */
final class ModuleLayers {

    record Module(String artifactId, String basePackage, int layer) {
    }

    static final List<Module> MODULES = List.of(
            new Module("hub-core", "jp.renkei.hub.core", 0),
            new Module("consent-registry", "jp.renkei.hub.consent", 1),
            new Module("fhir-server", "jp.renkei.hub.fhir", 2),
            new Module("gateway-connector", "jp.renkei.hub.gateway", 3),
            new Module("dicom-bridge", "jp.renkei.hub.dicom", 3),
            new Module("vpn-provisioning", "jp.renkei.hub.vpn", 3),
            new Module("care-net", "jp.renkei.hub.carenet", 3),
            new Module("regional-services", "jp.renkei.hub.regional", 3),
            new Module("hub-app", "jp.renkei.hub.app", 4),
            new Module("hub-bench", "jp.renkei.hub.bench", 5),
            new Module("hub-ops", "jp.renkei.hub.ops", 6));

    static Module module(String artifactId) {
        return MODULES.stream().filter(m -> m.artifactId().equals(artifactId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Module " + artifactId + " has no place in ModuleLayers: give it a layer"));
    }

    /** Every edge of {@code dependencies} (module → modules it depends on) that points the wrong way. */
    static Set<String> violations(Map<String, Set<String>> dependencies) {
        Set<String> violations = new TreeSet<>();
        dependencies.forEach((from, targets) -> {
            Module source = module(from);
            for (String to : targets) {
                if (module(to).layer() >= source.layer()) {
                    violations.add(from + " -> " + to);
                }
            }
        });
        return violations;
    }

    static Map<String, Set<String>> graph(Object... edges) {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        for (int i = 0; i < edges.length; i += 2) {
            graph.put((String) edges[i], Set.of((String[]) edges[i + 1]));
        }
        return graph;
    }

    private ModuleLayers() {
    }
}
