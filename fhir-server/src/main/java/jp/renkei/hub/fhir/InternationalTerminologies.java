package jp.renkei.hub.fhir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * International terminologies that no implementation guide defines in full: a CodeSystem in an IG package under one
 * of their canonical URLs lists the codes the guide uses, so it is a {@code fragment}, whatever its
 * {@code content} says.
 */
final class InternationalTerminologies {

    static final Set<String> URLS = Set.of("http://loinc.org", "http://snomed.info/sct",
            "http://hl7.org/fhir/sid/icd-10", "http://unitsofmeasure.org");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InternationalTerminologies() {
    }

    /**
     * Sets {@code content} to {@code fragment} on the package's CodeSystems of these terminologies that claim to be
     * complete; returns their file names (nothing changed when empty).
     */
    static List<String> markAsFragments(NpmPackage npm) throws IOException {
        List<String> marked = new ArrayList<>();
        NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
        if (folder == null) {
            return marked;
        }
        Map<String, byte[]> files = folder.getContent();
        for (String name : List.copyOf(files.keySet())) {
            if (!name.startsWith("CodeSystem") || !name.endsWith(".json")) {
                continue;
            }
            if (JSON.readTree(files.get(name)) instanceof ObjectNode codeSystem
                    && URLS.contains(codeSystem.path("url").asText())
                    && "complete".equals(codeSystem.path("content").asText())) {
                codeSystem.put("content", "fragment");
                files.put(name, JSON.writeValueAsBytes(codeSystem));
                marked.add(name);
            }
        }
        return marked;
    }

    /** The package as a {@code .tgz} again. */
    static byte[] repacked(NpmPackage npm) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        npm.save(out);
        return out.toByteArray();
    }
}
