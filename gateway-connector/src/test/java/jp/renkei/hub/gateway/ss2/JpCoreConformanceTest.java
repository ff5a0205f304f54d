package jp.renkei.hub.gateway.ss2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every resource mapped from the SS-MIX2 samples validates against JP Core 1.1.2 with no error. */
class JpCoreConformanceTest {

    static final String JP_CORE = "../../shared/testdata/jp-fhir/jp-core.r4-1.1.2.tgz";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static FhirValidator validator;

    @BeforeAll
    static void loadJpCore() throws IOException {
        PrePopulatedValidationSupport jpCore = new PrePopulatedValidationSupport(FHIR);
        IParser parser = FHIR.newJsonParser();
        try (InputStream in = new FileInputStream(JP_CORE)) {
            NpmPackage npm = NpmPackage.fromPackage(in);
            for (String file : npm.listResources("StructureDefinition", "CodeSystem", "ValueSet")) {
                try (InputStream resource = npm.load("package", file)) {
                    jpCore.addResource(parser.parseResource(resource));
                }
            }
        }
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                jpCore, new SnapshotGeneratingValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR),
                // LOINC and other large external code systems are not loaded (as on the hub's server): their codes
                // are reported as warnings, not errors.
                unknownCodeSystemsWarn());
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setAnyExtensionsAllowed(true);
        validator = FHIR.newValidator().registerValidatorModule(instanceValidator);
    }

    private static UnknownCodeSystemWarningValidationSupport unknownCodeSystemsWarn() {
        UnknownCodeSystemWarningValidationSupport support = new UnknownCodeSystemWarningValidationSupport(FHIR);
        support.setNonExistentCodeSystemSeverity(ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
        return support;
    }

    @Test
    void everyResourceMappedFromTheSamplesIsValidJpCore() {
        List<Resource> resources = Ss2Samples.all().stream().map(Ss2Samples::map)
                .flatMap(m -> m.resources().stream()).toList();
        assertThat(resources).hasSize(55);

        assertThat(errors(resources)).isEmpty();
    }

    @Test
    void everyResourceMappedFromTheHubsOwnFixturesIsValidJpCore() {
        List<Ss2Samples.Mapped> mapped = Ss2Samples.all(Ss2Samples.OWN).stream().map(Ss2Samples::own).toList();
        assertThat(mapped).allSatisfy(m -> assertThat(m.failure()).as(m.relative()).isNull());
        List<Resource> resources = mapped.stream().flatMap(m -> m.resources().stream()).toList();
        // the culture alone: smear, 2 × (organism, growth, panel), a remark, 2 antibiograms with 12 drugs, report
        assertThat(resources).hasSizeGreaterThanOrEqualTo(23);
        assertThat(resources).extracting(r -> r.getMeta().getProfile().get(0).getValue())
                .contains(JpCoreSystems.JP_OBSERVATION_MICROBIOLOGY, JpCoreSystems.JP_DIAGNOSTIC_REPORT_MICROBIOLOGY);

        assertThat(errors(resources)).isEmpty();
    }

    /**
     * The shapes the JAHIS notebook import adds (issue W2-5): JP_AllergyIntolerance (allergy, side effect with
     * reaction), JP_Condition, MedicationStatement (OTC), JP_Observation_Common (memo, patient-reported note), and
     * dispenses without usage, quantity or amount — from the repository's own Shift_JIS notebooks.
     */
    @Test
    void everyResourceMappedFromTheJahisNotebooksIsValidJpCore() throws IOException {
        List<Resource> resources = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/test/resources/jahis"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                var document = new jp.renkei.hub.gateway.jahis.JahisTcReader().read(java.nio.file.Files.readAllBytes(file));
                var source = new jp.renkei.hub.gateway.ingest.SourceRef("JAHIS_FILE", "P-1/" + file.getFileName());
                for (MappedRecord record : jp.renkei.hub.gateway.jahis.JahisDispensingMapper.map(document, "f", "P-1", source)) {
                    resources.addAll(record.resources());
                }
                for (MappedRecord record : jp.renkei.hub.gateway.jahis.JahisNotebookMapper.map(document, "f", "P-1", source)) {
                    resources.addAll(record.resources());
                }
            }
        }
        assertThat(resources).extracting(Resource::fhirType).contains("AllergyIntolerance", "Condition",
                "MedicationStatement", "Observation", "MedicationDispense");

        assertThat(errors(resources)).isEmpty();
    }

    private static List<String> errors(List<Resource> resources) {
        return resources.stream().flatMap(resource -> {
            Resource stored = asStored(resource);
            ValidationResult result = validator.validateWithResult(stored);
            return result.getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .map(m -> stored.fhirType() + "/" + stored.getIdElement().getIdPart() + " " + m.getLocationString()
                            + ": " + m.getMessage());
        }).collect(Collectors.toList());
    }

    /** As the store writes it: the subject placeholder pointing at a Patient ID. */
    private static Resource asStored(Resource resource) {
        Resource copy = resource.copy();
        for (Reference reference : FHIR.newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class)) {
            if (MappedRecord.SUBJECT.equals(reference.getReference())) {
                reference.setReference("Patient/gw-0123");
            }
        }
        if (copy instanceof org.hl7.fhir.r4.model.Patient patient) {
            patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.10710100017").setValue("9999013");
        }
        return copy;
    }
}
