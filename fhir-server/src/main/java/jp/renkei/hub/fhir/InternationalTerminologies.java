package jp.renkei.hub.fhir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * International terminologies that no implementation guide defines: a CodeSystem in an IG package under one of their
 * canonical URLs lists only the few codes the guide uses. Installed, it would make the hub "know" the terminology and
 * judge every other code of it by that list: JP-CLINS 1.5.2's two-code {@code http://loinc.org} turned JP Core's
 * LOINC category of a lab DiagnosticReport into an error, as "complete" (unknown code) and as "fragment" alike (the
 * required binding's code is not in the CodeSystem). Such CodeSystems are left out of the package; the guide's
 * ValueSets still list the codes they allow, and the terminology stays an external one ({@code ExternalCodeSystems}).
 */
final class InternationalTerminologies {

    static final Set<String> URLS = Set.of("http://loinc.org", "http://snomed.info/sct",
            "http://hl7.org/fhir/sid/icd-10", "http://unitsofmeasure.org");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InternationalTerminologies() {
    }

    /** Removes the package's CodeSystems of these terminologies; returns their file names (none: nothing changed). */
    static List<String> leaveOut(NpmPackage npm) throws IOException {
        List<String> removed = new ArrayList<>();
        NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
        if (folder == null) {
            return removed;
        }
        Map<String, byte[]> files = folder.getContent();
        for (String name : List.copyOf(files.keySet())) {
            if (name.startsWith("CodeSystem") && name.endsWith(".json")
                    && URLS.contains(JSON.readTree(files.get(name)).path("url").asText())) {
                folder.removeFile(name);
                removed.add(name);
            }
        }
        return removed;
    }

    /** The package as a {@code .tgz} again. */
    static byte[] repacked(NpmPackage npm) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        npm.save(out);
        return out.toByteArray();
    }
}
