package jp.renkei.hub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

class InternationalTerminologiesTest {

    private static final Path JP_FHIR = Path.of("../../shared/testdata/jp-fhir");

    @Test
    void jpClinsTwoCodeLoincIsInstalledAsAFragmentAndNothingElseChanges() throws IOException {
        NpmPackage clins = read(JP_FHIR.resolve("jp-clins.r4-1.5.2-snap.tgz"));
        java.util.Set<String> files = java.util.Set.copyOf(clins.getFolders().get("package").getContent().keySet());

        assertThat(InternationalTerminologies.markAsFragments(clins))
                .containsExactly("CodeSystem-jp-codeSystem-eCS-document-code.json");

        NpmPackage repacked = NpmPackage.fromPackage(new ByteArrayInputStream(InternationalTerminologies.repacked(clins)));
        assertThat(repacked.name()).isEqualTo(clins.name());
        assertThat(repacked.getFolders().get("package").getContent().keySet()).containsAll(files);
        try (InputStream loinc = repacked.load("package", "CodeSystem-jp-codeSystem-eCS-document-code.json")) {
            var json = new ObjectMapper().readTree(loinc);
            assertThat(json.path("url").asText()).isEqualTo("http://loinc.org");
            assertThat(json.path("content").asText()).isEqualTo("fragment");
            assertThat(json.path("concept")).hasSize(2);
        }
        // JP-specific code systems under OIDs stay complete
        try (InputStream jp = repacked.load("package", "CodeSystem-jp-SpecialCheckup-LaboResult-2102-CS.json")) {
            assertThat(new ObjectMapper().readTree(jp).path("content").asText()).isEqualTo("complete");
        }
    }

    @Test
    void jpCoreClaimsNoInternationalTerminology() throws IOException {
        assertThat(InternationalTerminologies.markAsFragments(read(JP_FHIR.resolve("jp-core.r4-1.1.2.tgz")))).isEmpty();
    }

    private static NpmPackage read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return NpmPackage.fromPackage(in);
        }
    }
}
