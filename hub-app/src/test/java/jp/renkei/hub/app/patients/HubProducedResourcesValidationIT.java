package jp.renkei.hub.app.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.patient.FacilityPatients;
import jp.renkei.hub.gateway.ingest.IngestTally;
import jp.renkei.hub.gateway.ss2.Ss2FileIngest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Every shape of resource the hub writes itself passes the hub's own {@code $validate} (over HTTPS, as a hospital
 * doctor) against JP Core with no error: SS-MIX2 storage and an MLLP lab result as the hospital sends them, a JAHIS
 * notebook uploaded by the pharmacy, a CT study stored by C-STORE, a consent from the registry, the facilities'
 * Organizations and the Patients all of these point at. The counts of resources, errors and warnings are printed.
 * Before {@code ExternalCodeSystems} and JP-CLINS: 38 resources, 4 errors (LOINC category of the lab
 * DiagnosticReports, the Consent's JP-CLINS profile not found), 188 warnings; after: 0 errors, 257 warnings.
 */
@HubIntegrationTest
// JP-CLINS as well as JP Core, as ./hub start loads them: the hub's Consents declare JP-CLINS's JP_Consent_eCS. A
// hub of its own (closed afterwards; its own home, so that its demo certificates do not replace the shared hub's),
// so that the other tests keep running without JP-CLINS.
@TestPropertySource(properties = {"renkei.fhir.ig-packages=" + TestPaths.SHARED + "/testdata/jp-fhir",
        "renkei.home=target/test-home-jp-clins"})
@DirtiesContext
class HubProducedResourcesValidationIT {

    private static final Path HOME = Path.of("target/test-home-jp-clins");

    private static final Path SAMPLES = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData");
    private static final Charset CP932 = Charset.forName("windows-31j");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DaoRegistry daos;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FacilityPatients facilityPatients;

    @Test
    void everyResourceShapeTheHubProducesValidatesWithoutErrors() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        Map<String, Resource> produced = new LinkedHashMap<>();

        // SS-MIX2 storage and an MLLP message of the hospital: whatever the ingest ledger says was written
        Path root = Files.createTempDirectory(Path.of("target"), "ss2-validation");
        FileSystemUtils.copyRecursively(SAMPLES, root);
        context.getBean(Ss2FileIngest.class).ingest(hospital, root, 1, new IngestTally(), (done, total) -> { });
        HubDataArrivals arrivals = new HubDataArrivals(context);
        assertThat(arrivals.labResult(hospital, "V" + UUID.randomUUID().toString().substring(0, 8)).accepted()).isTrue();
        // a JAHIS notebook uploaded by the pharmacy
        String notebookPatient = "V-" + UUID.randomUUID().toString().substring(0, 8);
        FhirHttp pharmacist = as(pharmacy, Profession.PHARMACIST);
        FhirHttp.Response upload = pharmacist.postBytes("/api/gateway/jahis?fileName=notebook.txt&patientId="
                + notebookPatient, "application/octet-stream", Files.readString(Path.of(TestPaths.JAHIS_FIXTURES,
                "tc-multi-dispensing.txt"), StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(CP932));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        for (String facility : List.of(hospital, pharmacy)) {
            jdbc.sql("SELECT resources FROM hub.gateway_record WHERE facility_id = ?::uuid").param(facility)
                    .query(String.class).list().stream().filter(list -> !list.isBlank())
                    .flatMap(list -> List.of(list.split(" ")).stream())
                    .forEach(reference -> produced.computeIfAbsent(reference, this::read));
        }
        // a CT study by C-STORE
        String imagingStudy = arrivals.ctStudy(hospital, "V" + UUID.randomUUID().toString().substring(0, 8),
                "Kensho^Hanako=検証^花子=ケンショウ^ハナコ");
        produced.put("ImagingStudy/" + imagingStudy, read("ImagingStudy/" + imagingStudy));
        // the Patients all of these are about
        for (Resource resource : List.copyOf(produced.values())) {
            for (Reference reference : FhirContext.forR4Cached().newTerser()
                    .getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                if (reference.getReference() != null && reference.getReference().startsWith("Patient/")) {
                    produced.computeIfAbsent(reference.getReference(), this::read);
                }
            }
        }
        // the facilities' Organizations
        daos.getResourceDao("Organization").search(SearchParameterMap.newSynchronous(), new SystemRequestDetails())
                .getAllResources().forEach(o -> produced.put("Organization/" + o.getIdElement().getIdPart(),
                        (Resource) o));
        // a consent of the registry, as the FHIR API shows it
        FhirHttp clinicClerk = as(clinic, Profession.CLERK);
        String number = new ObjectMapper().readTree(clinicClerk.postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"V-CONSENT-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").body())
                .path("eventNumber").asText();
        assertThat(clinicClerk.postJson("/api/consents", """
                {"eventNumber":"%s","category":"CLINICAL","grantees":{"scope":"ALL"},"sources":{"scope":"ALL"},
                 "validFrom":"2026-01-01T00:00:00Z","obtainedVia":"WRITTEN_FORM"}""".formatted(number)).status())
                .isEqualTo(201);
        Bundle consents = as(clinic, Profession.DOCTOR).get("/fhir/Consent?patient.identifier="
                + HubSystems.EVENT_NUMBER + "|" + number).resource(Bundle.class);
        consents.getEntry().forEach(e -> produced.put("Consent/" + e.getResource().getIdElement().getIdPart(),
                e.getResource()));

        FhirHttp doctor = as(hospital, Profession.DOCTOR);
        Map<String, Integer> perType = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        int warningCount = 0;
        FhirValidator inProcess = FhirContext.forR4Cached().newValidator()
                .registerValidatorModule(context.getBean("myInstanceValidator", IValidatorModule.class));
        int overHttps = 0;
        for (Map.Entry<String, Resource> entry : produced.entrySet()) {
            Resource resource = entry.getValue();
            perType.merge(resource.fhirType(), 1, Integer::sum);
            List<OperationOutcome.OperationOutcomeIssueComponent> issues;
            if (Set.of("Organization", "Consent").contains(resource.fhirType())) {
                // Not offered over FHIR (kept from the registries): the validator $validate uses, in process.
                issues = ((OperationOutcome) inProcess.validateWithResult(resource).toOperationOutcome()).getIssue();
            } else {
                FhirHttp.Response response = doctor.post("/fhir/" + resource.fhirType() + "/$validate", resource);
                assertThat(response.status()).as(response.body()).isIn(200, 412);
                issues = response.resource(OperationOutcome.class).getIssue();
                overHttps++;
            }
            for (OperationOutcome.OperationOutcomeIssueComponent issue : issues) {
                String text = entry.getKey() + " " + issue.getLocation() + ": " + issue.getDiagnostics();
                if (issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL) {
                    errors.add(text);
                } else if (issue.getSeverity() == IssueSeverity.WARNING) {
                    warningCount++;
                    warnings.add(resource.fhirType() + ": " + issue.getDiagnostics());
                }
            }
        }
        System.out.printf("$validate of hub-produced resources: %d resources %s (%d over HTTPS), %d errors,"
                + " %d warnings%n", produced.size(), perType, overHttps, errors.size(), warningCount);
        errors.forEach(e -> System.out.println("  ERROR " + e));
        warnings.forEach(w -> System.out.println("  warning " + w));

        assertThat(perType).containsKeys("Patient", "Observation", "DiagnosticReport", "MedicationRequest",
                "MedicationAdministration", "AllergyIntolerance", "Condition", "Encounter", "MedicationDispense",
                "ImagingStudy", "Organization", "Consent");
        assertThat(errors).isEmpty();
    }

    private Resource read(String reference) {
        IdType id = new IdType(reference);
        IBaseResource resource = daos.getResourceDao(id.getResourceType()).read(id.toUnqualifiedVersionless(),
                new SystemRequestDetails());
        return (Resource) resource;
    }

    private FhirHttp as(String facility, Profession profession) {
        return FhirHttp.forHub(port, HOME)
                .withToken(TestPeople.loggedIn(context, facility, profession, false));
    }
}
