package jp.renkei.hub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

class InstalledProfilesTest {

    private static final Path JP_FHIR = Path.of("../../shared/testdata/jp-fhir");
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void jpCoreAndJpClinsResourceProfilesPerTypeAndNoExtensions() throws IOException {
        InstalledProfiles profiles = new InstalledProfiles();
        profiles.add(read("jp-core.r4-1.1.2.tgz"));
        profiles.add(read("jp-clins.r4-1.5.2-snap.tgz"));

        assertThat(profiles.of("Patient")).contains("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient")
                .isSorted();
        assertThat(profiles.of("Observation"))
                .contains("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_LabResult")
                .anyMatch(url -> url.startsWith("http://jpfhir.jp/fhir/eCS/"));
        assertThat(profiles.of("Extension")).isEmpty();
        assertThat(profiles.of("Basic")).isEmpty();
    }

    /**
     * The list is the one HAPI's CapabilityStatement made from the parsed StructureDefinitions (a resource profile:
     * kind "resource", not a base definition, its type from the first element's path), taken from the index alone.
     */
    @Test
    void sameListAsHapiDerivesFromTheParsedStructureDefinitions() throws IOException {
        for (String file : List.of("jp-core.r4-1.1.2.tgz", "jp-clins.r4-1.5.2-snap.tgz")) {
            NpmPackage npm = read(file);
            InstalledProfiles profiles = new InstalledProfiles();
            profiles.add(npm);

            Map<String, List<String>> hapi = new TreeMap<>();
            for (String name : npm.listResources("StructureDefinition")) {
                StructureDefinition definition;
                try (InputStream in = npm.load("package", name)) {
                    definition = FHIR.newJsonParser().parseResource(StructureDefinition.class, in);
                }
                String base = definition.getBaseDefinition();
                if (definition.getKind() != StructureDefinition.StructureDefinitionKind.RESOURCE
                        || "http://hl7.org/fhir/StructureDefinition/DomainResource".equals(base)
                        || "http://hl7.org/fhir/StructureDefinition/Resource".equals(base)) {
                    continue;
                }
                String type = definition.getSnapshot().hasElement()
                        ? definition.getSnapshot().getElementFirstRep().getPath()
                        : definition.getDifferential().getElementFirstRep().getPath();
                hapi.computeIfAbsent(type, t -> new ArrayList<>()).add(definition.getUrl());
            }
            assertThat(hapi).as(file).isNotEmpty();
            Map<String, List<String>> ours = new TreeMap<>();
            for (String type : FHIR.getResourceTypes()) {
                if (!profiles.of(type).isEmpty()) {
                    ours.put(type, profiles.of(type));
                }
            }
            hapi.values().forEach(urls -> urls.sort(null));
            assertThat(ours).as(file).isEqualTo(hapi);
        }
    }

    private static NpmPackage read(String file) throws IOException {
        try (InputStream in = Files.newInputStream(JP_FHIR.resolve(file))) {
            return NpmPackage.fromPackage(in);
        }
    }
}
