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
    void jpClinsTwoCodeLoincIsLeftOutAndNothingElseChanges() throws IOException {
        NpmPackage clins = read(JP_FHIR.resolve("jp-clins.r4-1.5.2-snap.tgz"));
        java.util.Set<String> files = new java.util.HashSet<>(clins.getFolders().get("package").getContent().keySet());

        assertThat(InternationalTerminologies.leaveOut(clins))
                .containsExactly("CodeSystem-jp-codeSystem-eCS-document-code.json");

        NpmPackage repacked = NpmPackage.fromPackage(new ByteArrayInputStream(InternationalTerminologies.repacked(clins)));
        assertThat(repacked.name()).isEqualTo(clins.name());
        files.remove("CodeSystem-jp-codeSystem-eCS-document-code.json");
        assertThat(repacked.getFolders().get("package").getContent().keySet()).containsAll(files)
                .doesNotContain("CodeSystem-jp-codeSystem-eCS-document-code.json");
        assertThat(repacked.listResources("CodeSystem")).isNotEmpty()
                .doesNotContain("CodeSystem-jp-codeSystem-eCS-document-code.json");
        // JP-specific code systems under OIDs stay
        try (InputStream jp = repacked.load("package", "CodeSystem-jp-SpecialCheckup-LaboResult-2102-CS.json")) {
            assertThat(new ObjectMapper().readTree(jp).path("url").asText()).isEqualTo("urn:oid:1.2.392.200119.6.2102");
        }
    }

    @Test
    void jpCoreClaimsNoInternationalTerminology() throws IOException {
        assertThat(InternationalTerminologies.leaveOut(read(JP_FHIR.resolve("jp-core.r4-1.1.2.tgz")))).isEmpty();
    }

    private static NpmPackage read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return NpmPackage.fromPackage(in);
        }
    }
}
