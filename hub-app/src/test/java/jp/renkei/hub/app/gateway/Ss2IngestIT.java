package jp.renkei.hub.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.core.cluster.ClusterJobs;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.ingest.IngestReport;
import jp.renkei.hub.gateway.ingest.IngestTally;
import jp.renkei.hub.gateway.ss2.Ss2FileIngest;
import jp.renkei.hub.gateway.ss2.Ss2Properties;
import jp.renkei.hub.gateway.ss2.Ss2StoragePoller;
import org.hl7.fhir.instance.model.api.IBaseResource;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * SS-MIX2 ingest end to end on the whole hub: the sample storage ingested as the demo hospital, attributed to
 * it, idempotent, versioned (newer supersedes, older is ignored, flag 0 cancels), the quarantine API with facility
 * isolation, a crash in the middle of a tree, and visibility to a clinic only after enrolment and with consent.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ss2IngestIT {

    private static final Path SAMPLES = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData");
    private static final String LAB_DIR = "999/901/9999013/20111220/OML-11/";
    private static final String LAB = "9999013_20111220_OML-11_000000011000354_%s_01_%s";
    private static final String PROTEIN = "3A010000002327101";

    @LocalServerPort
    int port;
    @Autowired
    IngestIds ingestIds;
    @Autowired
    ApplicationContext context;
    @Autowired
    Ss2FileIngest ingest;
    @Autowired
    DaoRegistry daos;
    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void samplesAreIngestedOnceVersionedAttributedAndQuarantinedWithReasons() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        Path root = copyOfSamples("hospital");

        IngestReport first = run(hospital, root);
        assertThat(first).isEqualTo(new IngestReport(22, 17, 0, 0, 0, 0, 2, 3, 15));
        Map<String, Integer> stored = sourceRecordCounts(hospital);
        // Observations: 3 lab results, height, weight, blood type and 12 ECG measurements; reports: lab and ECG;
        // allergies: 4 IAM and the AL1 of the patient record; requests: lab, radiology, endoscopy, physiology
        assertThat(stored).containsEntry("Patient", 0).containsEntry("Observation", 18).containsEntry("DiagnosticReport", 2)
                .containsEntry("MedicationRequest", 6).containsEntry("MedicationAdministration", 4)
                .containsEntry("AllergyIntolerance", 5).containsEntry("Condition", 1).containsEntry("Encounter", 2)
                .containsEntry("ServiceRequest", 10).containsEntry("Procedure", 6);
        Patient patient = hospitalPatient(hospital, "9999013");
        assertThat(patient.getNameFirstRep().getText()).isEqualTo("患者 太郎");
        assertThat(patient.getMeta().getTag(HubSystems.SOURCE_FACILITY, hospital)).isNotNull();
        Observation protein = protein(hospital);
        assertThat(protein.getValueQuantity().getValue()).isEqualByComparingTo("7.2");
        assertThat(protein.getSubject().getReference()).isEqualTo("Patient/" + patient.getIdElement().getIdPart());
        assertThat(protein.getMeta().getTag(HubSystems.SOURCE_FACILITY, hospital)).isNotNull();

        // the same tree again: the ledger reads nothing; without the ledger, the store writes nothing
        assertThat(run(hospital, root).read()).isZero();
        jdbc.sql("DELETE FROM hub.ss2_file_ledger WHERE facility_id = ?::uuid").param(hospital).update();
        assertThat(run(hospital, root)).isEqualTo(new IngestReport(22, 0, 0, 0, 17, 0, 2, 3, 15));
        assertThat(sourceRecordCounts(hospital)).isEqualTo(stored);
        assertThat(protein(hospital).getMeta().getVersionId()).isEqualTo("1");

        // a newer version supersedes, an older one is ignored, condition flag 0 cancels
        String labText = Iso2022Jp.decode(Files.readAllBytes(SAMPLES.resolve(LAB_DIR + LAB.formatted("20111220103059000", "1"))));
        write(root, "20111221090000000", "1", labText.replace("||7.2|", "||7.5|"));
        assertThat(run(hospital, root)).isEqualTo(new IngestReport(1, 0, 1, 0, 0, 0, 0, 0, 1));
        assertThat(protein(hospital).getValueQuantity().getValue()).isEqualByComparingTo("7.5");
        write(root, "20111220120000000", "1", labText.replace("||7.2|", "||6.0|"));
        assertThat(run(hospital, root).outdated()).isEqualTo(1);
        assertThat(protein(hospital).getValueQuantity().getValue()).isEqualByComparingTo("7.5");
        write(root, "20111222090000000", "0", labText);
        assertThat(run(hospital, root).cancelled()).isEqualTo(1);
        assertThat(protein(hospital).getStatus()).isEqualTo(Observation.ObservationStatus.ENTEREDINERROR);
        assertThat(sourceRecordCounts(hospital)).isEqualTo(stored);

        quarantineApiIsTheOwningFacilitys(hospital);
    }

    private void quarantineApiIsTheOwningFacilitys(String hospital) throws Exception {
        FhirHttp hospitalAdmin = as(hospital, Profession.CLERK, true);
        JsonNode held = json.readTree(ok(hospitalAdmin.get("/api/gateway/quarantine")).body());
        assertThat(held).hasSize(3);
        JsonNode garbage = Stream.of(held.get(0), held.get(1), held.get(2))
                .filter(i -> i.get("sourceRef").asText().contains("/ADT-31/")).findFirst().orElseThrow();
        assertThat(garbage.get("reason").asText()).startsWith("not ISO-2022-JP: 8-bit byte 0xFB at offset 0");
        assertThat(garbage.get("size").asLong()).isEqualTo(2);

        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        FhirHttp clinicAdmin = as(clinic, Profession.CLERK, true);
        assertThat(clinicAdmin.get("/api/gateway/quarantine?facility=" + hospital).status()).isEqualTo(403);
        assertThat(clinicAdmin.get("/api/gateway/quarantine/" + garbage.get("id").asText()).status()).isEqualTo(404);
        assertThat(as(hospital, Profession.DOCTOR, false).get("/api/gateway/quarantine").status()).isEqualTo(403);

        JsonNode again = json.readTree(ok(hospitalAdmin.postJson("/api/gateway/quarantine/" + garbage.get("id").asText()
                + "/reprocess", "")).body());
        assertThat(again.get("status").asText()).isEqualTo("HELD");
        JsonNode item = json.readTree(ok(hospitalAdmin.get("/api/gateway/quarantine/" + garbage.get("id").asText())).body());
        // seen by the first run, by the run without ledger, and now re-processed: one item, three attempts
        assertThat(item.get("attempts").asInt()).isEqualTo(3);
        assertThat(item.get("status").asText()).isEqualTo("HELD");
    }

    @Test
    void aCrashInTheMiddleOfATreeLosesAndDuplicatesNothing() throws Exception {
        String pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        Path root = copyOfSamples("crash");
        AtomicInteger files = new AtomicInteger();
        ingest.setFaultPoint(path -> {
            if (files.incrementAndGet() == 9) {
                throw new IllegalStateException("simulated crash before the ledger row of " + path);
            }
        });
        try {
            assertThatThrownBy(() -> run(pharmacy, root)).hasMessageContaining("simulated crash");
        } finally {
            ingest.setFaultPoint(null);
        }
        long ledgerAfterCrash = jdbc.sql("SELECT count(*) FROM hub.ss2_file_ledger WHERE facility_id = ?::uuid")
                .param(pharmacy).query(Long.class).single();
        // the 8 files before the crash; a file the worker had already taken up may have finished too
        assertThat(ledgerAfterCrash).isBetween(8L, 9L);

        IngestReport resumed = run(pharmacy, root);
        assertThat(resumed.read()).isEqualTo(22 - ledgerAfterCrash);
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        assertThat(sourceRecordCounts(pharmacy)).isEqualTo(Map.of("Patient", 0, "Observation", 18,
                "DiagnosticReport", 2, "MedicationRequest", 6, "MedicationAdministration", 4, "AllergyIntolerance", 5,
                "Condition", 1, "Encounter", 2, "ServiceRequest", 10, "Procedure", 6));
        assertThat(jdbc.sql("SELECT count(*) FROM hub.gateway_record WHERE facility_id = ?::uuid").param(pharmacy)
                .query(Long.class).single()).isEqualTo(17);
        assertThat(hospital).isNotEqualTo(pharmacy);
    }

    @Test
    void anotherFacilitySeesIngestedDataOnlyAfterEnrolmentAndWithConsent() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        Path root = Files.createTempDirectory(Path.of("target"), "ss2-consent");
        Path dir = Files.createDirectories(root.resolve("777/001/7770012/20111220/OML-11"));
        String labText = Iso2022Jp.decode(Files.readAllBytes(SAMPLES.resolve(LAB_DIR + LAB.formatted("20111220103059000", "1"))));
        Files.write(dir.resolve("7770012_20111220_OML-11_000000077700120_20111220103059000_01_1"), Iso2022Jp.encode(labText));
        assertThat(run(hospital, root).stored()).isEqualTo(1);

        Patient held = hospitalPatient(hospital, "7770012");
        String patientId = held.getIdElement().getIdPart();
        assertThat(held.getIdentifier()).noneMatch(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()));
        FhirHttp clinicDoctor = as(clinic, Profession.DOCTOR, false);
        assertThat(clinicDoctor.get("/fhir/Observation?patient=" + patientId).body()).doesNotContain(PROTEIN);
        assertThat(as(hospital, Profession.DOCTOR, false).get("/fhir/Observation?patient=" + patientId).body())
                .contains(PROTEIN);

        FhirHttp hospitalClerk = as(hospital, Profession.CLERK, false);
        ok(hospitalClerk.postJson("/api/patients/enrolments", "{\"localPatientId\":\"7770012\"}"));
        String eventNumber = hospitalPatient(hospital, "7770012").getIdentifier().stream()
                .filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem())).findFirst().orElseThrow().getValue();
        FhirHttp clinicClerk = as(clinic, Profession.CLERK, false);
        ok(clinicClerk.postJson("/api/patients/links", """
                {"localPatientId":"C777001","eventNumber":"%s","verification":"CARD","reason":"health passport presented"}"""
                .formatted(eventNumber)));
        assertThat(clinicDoctor.get("/fhir/Observation?patient=" + patientId).body()).as("enrolled, no consent")
                .doesNotContain(PROTEIN);

        ok(clinicDoctor.postJson("/api/consents", """
                {"eventNumber":"%s","category":"CLINICAL","grantees":{"scope":"LISTED","facilityIds":["%s"]},
                 "sources":{"scope":"LISTED","facilityIds":["%s"]},"validFrom":"%s",
                 "obtainedVia":"WRITTEN_FORM"}""".formatted(eventNumber, clinic, hospital,
                java.time.Instant.now().minusSeconds(3600))));
        assertThat(clinicDoctor.get("/fhir/Observation?patient=" + patientId).body()).contains(PROTEIN);
    }

    @Test
    void theStoragePollerIngestsAFileAddedToAConfiguredRootWithoutAManualCall() throws Exception {
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        Path root = Files.createTempDirectory(Path.of("target"), "ss2-poll");
        Ss2StoragePoller poller = new Ss2StoragePoller(new Ss2Properties(List.of(new Ss2Properties.Root(clinic, root)),
                java.time.Duration.ofMillis(200), 1), ingest, java.time.Clock.systemUTC(),
                context.getBean(ClusterJobs.class));
        poller.start();
        try {
            assertThat(poller.isRunning()).isTrue();
            Thread.sleep(600); // at least one poll of the empty root has run
            assertThat(findProtein(clinic)).isEmpty();

            Path file = root.resolve(LAB_DIR + LAB.formatted("20111220103059000", "1"));
            Files.createDirectories(file.getParent());
            Files.copy(SAMPLES.resolve(LAB_DIR + LAB.formatted("20111220103059000", "1")), file);

            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (findProtein(clinic).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(findProtein(clinic)).hasValueSatisfying(o -> {
                assertThat(o.getValueQuantity().getValue()).isEqualByComparingTo("7.2");
                assertThat(o.getMeta().getTag(HubSystems.SOURCE_FACILITY, clinic)).isNotNull();
            });
        } finally {
            poller.stop();
        }
        assertThat(poller.isRunning()).isFalse();
    }

    private IngestReport run(String facility, Path root) {
        IngestTally tally = new IngestTally();
        ingest.ingest(facility, root, 1, tally, (done, total) -> { });
        return tally.report();
    }

    private Path copyOfSamples(String name) throws IOException {
        Path root = Files.createTempDirectory(Path.of("target"), "ss2-" + name);
        FileSystemUtils.copyRecursively(SAMPLES, root);
        return root;
    }

    private static void write(Path root, String timestamp, String flag, String text) throws IOException {
        Files.write(root.resolve(LAB_DIR + LAB.formatted(timestamp, flag)), Iso2022Jp.encode(text));
    }

    private Patient hospitalPatient(String facility, String localId) {
        List<IBaseResource> found = daos.getResourceDao("Patient").search(SearchParameterMap.newSynchronous("identifier",
                new TokenParam(JpCoreSystems.facilityPatientIdSystem(codeOf(facility)), localId)), new SystemRequestDetails())
                .getAllResources();
        assertThat(found).hasSize(1);
        return (Patient) found.get(0);
    }

    private String codeOf(String facility) {
        return context.getBean(jp.renkei.hub.core.facility.FacilityRegistry.class).find(facility).orElseThrow()
                .medicalInstitutionCode().value();
    }

    private Observation protein(String facility) {
        return findProtein(facility).orElseThrow();
    }

    private java.util.Optional<Observation> findProtein(String facility) {
        return daos.getResourceDao("Observation").search(SearchParameterMap.newSynchronous()
                        .add("code", new TokenParam(JpCoreSystems.JLAC10, PROTEIN))
                        .add("_tag", new TokenParam(HubSystems.SOURCE_FACILITY, facility)), new SystemRequestDetails())
                .getAllResources().stream().map(Observation.class::cast)
                .filter(o -> o.getIdentifier().stream().anyMatch(i -> IngestIds.SOURCE_RECORD.equals(i.getSystem()))
                        && o.getSubject().getReference().equals("Patient/" + ingestIds.patientIdFor(facility, "9999013")))
                .findFirst();
    }

    /** Resources of each type carrying a source-record identifier of the facility. */
    private Map<String, Integer> sourceRecordCounts(String facility) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String type : List.of("Patient", "Observation", "DiagnosticReport", "MedicationRequest",
                "MedicationAdministration", "AllergyIntolerance", "Condition", "Encounter", "ServiceRequest",
                "Procedure")) {
            List<IBaseResource> all = daos.getResourceDao(type).search(SearchParameterMap.newSynchronous()
                    .add("_tag", new TokenParam(HubSystems.SOURCE_FACILITY, facility)), new SystemRequestDetails())
                    .getAllResources();
            String patient = "Patient/" + ingestIds.patientIdFor(facility, "9999013");
            counts.put(type, (int) all.stream().filter(r -> json(r).contains(IngestIds.SOURCE_RECORD)
                    && json(r).contains(patient)).count());
            // Other facilities may see these resources: the local patient ID may appear only as the Patient's
            // own local identifier, which the hub masks for them.
            all.stream().filter(r -> !"Patient".equals(r.fhirType())).forEach(r ->
                    assertThat(json(r)).as(type + " holds the local patient ID").doesNotContain("9999013"));
        }
        return counts;
    }

    private String json(IBaseResource resource) {
        return daos.getFhirContext().newJsonParser().encodeResourceToString(resource);
    }

    private FhirHttp as(String facility, Profession profession, boolean admin) {
        return FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, facility, profession, admin));
    }

    private static FhirHttp.Response ok(FhirHttp.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response;
    }

}
