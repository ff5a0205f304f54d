package jp.renkei.hub.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.gateway.ingest.IngestIds;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** JAHIS TC upload through the running hub: stored as the demo pharmacy's, idempotent, bad files quarantined. */
@HubIntegrationTest
class JahisImportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset CP932 = Charset.forName("windows-31j");

    @LocalServerPort
    int port;
    @Autowired
    IngestIds ingestIds;
    @Autowired
    ApplicationContext context;

    private String pharmacy;
    private FhirHttp pharmacist;

    @BeforeEach
    void logIn() {
        pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        pharmacist = FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, pharmacy, Profession.PHARMACIST, false));
    }

    @Test
    void anUploadIsStoredAsThePharmacysAndReUploadingCreatesNothingNew() throws Exception {
        String patient = "J-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] file = fixture("tc-multi-dispensing.txt", CP932, "\r\n");

        FhirHttp.Response first = pharmacist.postBytes("/api/gateway/jahis?fileName=notebook.txt&patientId=" + patient,
                "application/octet-stream", file);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(first.body());
        assertThat(report.get("status").asText()).isEqualTo("STORED");
        assertThat(report.get("dispensings").asInt()).isEqualTo(2);
        assertThat(report.get("medicationDispenses").asInt()).isEqualTo(2);
        assertThat(report.get("counts").get("stored").asLong()).isEqualTo(2);

        String patientId = ingestIds.patientIdFor(pharmacy, patient);
        Bundle dispenses = pharmacist.get("/fhir/MedicationDispense?subject=Patient/" + patientId).resource(Bundle.class);
        assertThat(dispenses.getEntry()).hasSize(2);
        for (Bundle.BundleEntryComponent entry : dispenses.getEntry()) {
            MedicationDispense dispense = (MedicationDispense) entry.getResource();
            assertThat(dispense.getMeta().getTag(HubSystems.SOURCE_FACILITY, pharmacy)).isNotNull();
            assertThat(dispense.getMeta().getProfile()).extracting(p -> p.getValue())
                    .contains("http://jpfhir.jp/fhir/core/StructureDefinition/JP_MedicationDispense");
        }
        assertThat(pharmacist.get("/fhir/Patient/" + patientId).status()).isEqualTo(200);

        FhirHttp.Response again = pharmacist.postBytes("/api/gateway/jahis?fileName=notebook.txt&patientId=" + patient,
                "text/plain", fixture("tc-multi-dispensing.txt", StandardCharsets.UTF_8, "\n"));

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        JsonNode counts = JSON.readTree(again.body()).get("counts");
        assertThat(counts.get("stored").asLong()).isZero();
        assertThat(counts.get("unchanged").asLong()).isEqualTo(2);
        assertThat(pharmacist.get("/fhir/MedicationDispense?subject=Patient/" + patientId).resource(Bundle.class)
                .getEntry()).hasSize(2);
    }

    @Test
    void aFaultyLineIsImportedWithAWarningAndAFileWithoutPatientIsQuarantinedWhole() throws Exception {
        String patient = "J-" + UUID.randomUUID().toString().substring(0, 8);
        String text = new String(fixture("tc-multi-dispensing.txt", StandardCharsets.UTF_8, "\n"), StandardCharsets.UTF_8);
        String faulty = text.replace(",2,610406001,1,", ",2,,1,");

        FhirHttp.Response imported = pharmacist.postBytes("/api/gateway/jahis?fileName=faulty.txt&patientId=" + patient,
                "text/plain", faulty.getBytes(CP932));

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.get("medicationDispenses").asInt()).isEqualTo(2);
        assertThat(report.get("warnings").get(0).asText()).isEqualTo("line 16: MedicationDispense (Rp 1, drug 1); line"
                + " 16, record 201 (drug), field 6 (drug code): empty, but code type 2 (receipt code) requires a code;"
                + " the drug is imported by its name only");
        JsonNode line16 = report.get("lines").get(15);
        assertThat(line16.get("line").asInt()).isEqualTo(16);
        assertThat(line16.get("outcome").asText()).isEqualTo("WARNED");
        assertThat(report.get("lines")).hasSize(19);
        assertThat(report.get("coverage").get("lines").get("WARNED").asInt()).isEqualTo(1);
        assertThat(report.get("coverage").get("byRecord").get("201 (drug)").get("IMPORTED").asInt()).isEqualTo(1);
        Bundle dispenses = pharmacist.get("/fhir/MedicationDispense?subject=Patient/"
                + ingestIds.patientIdFor(pharmacy, patient)).resource(Bundle.class);
        assertThat(dispenses.getEntry()).extracting(e -> ((MedicationDispense) e.getResource())
                .getMedicationCodeableConcept().getText()).containsExactlyInAnyOrder("ノルバスク錠２．５ｍｇ", "ロキソニン錠６０ｍｇ");

        String other = "J-" + UUID.randomUUID().toString().substring(0, 8);
        String withoutPatient = text.replace("1,山田 太郎,1,19800101,105-0004,東京都港区新橋1-2-3,03-1234-5678,"
                + "090-9999-8888,A+,52.3,ヤマダ タロウ\n", "");
        FhirHttp.Response response = pharmacist.postBytes("/api/gateway/jahis?fileName=nobody.txt&patientId=" + other,
                "text/plain", withoutPatient.getBytes(CP932));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        JsonNode quarantined = JSON.readTree(response.body());
        assertThat(quarantined.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(quarantined.get("reason").asText()).isEqualTo("file: no patient record (1); every TC file names its patient");
        assertThat(quarantined.get("quarantineId").asText()).isNotBlank();
        assertThat(pharmacist.get("/fhir/MedicationDispense?subject=Patient/" + ingestIds.patientIdFor(pharmacy, other))
                .resource(Bundle.class).getEntry()).isEmpty();

        FhirHttp.Response noPrescription = pharmacist.postBytes("/api/gateway/jahis?fileName=rx.txt&patientId="
                + patient, "text/plain", fixture("invalid-missing-101.txt", StandardCharsets.UTF_8, "\n"));
        assertThat(noPrescription.status()).isEqualTo(422);
        JsonNode refused = JSON.readTree(noPrescription.body());
        assertThat(refused.get("format").asText()).isEqualTo("RX");
        assertThat(refused.get("reason").asText()).isEqualTo("line 2, record 111 (usage), field 1 (Rp number): refers"
                + " to Rp 1, which has no dosage-form record 101 before it");
    }

    @Test
    void aScannedPrescriptionIsStoredAsThePharmacysMedicationRequest() throws Exception {
        String patient = "R-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] file = fixture("qr-decoded-anonymized.txt", CP932, "\r\n");

        FhirHttp.Response response = pharmacist.postBytes("/api/gateway/jahis?fileName=qr.txt&patientId=" + patient,
                "application/octet-stream", file);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("format").asText()).isEqualTo("RX");
        assertThat(report.get("medicationRequests").asInt()).isEqualTo(1);
        assertThat(report.get("counts").get("stored").asLong()).isEqualTo(1);
        String patientId = ingestIds.patientIdFor(pharmacy, patient);
        Bundle requests = pharmacist.get("/fhir/MedicationRequest?subject=Patient/" + patientId).resource(Bundle.class);
        assertThat(requests.getEntry()).hasSize(1);
        MedicationRequest request = (MedicationRequest) requests.getEntry().get(0).getResource();
        assertThat(request.getMeta().getTag(HubSystems.SOURCE_FACILITY, pharmacy)).isNotNull();
        assertThat(request.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("2412403G3022");
        assertThat(request.getAuthoredOnElement().getValueAsString()).isEqualTo("2026-01-30");
        assertThat(request.getIdentifier()).noneMatch(i -> i.getValue().contains(patient));
        Patient stored = pharmacist.get("/fhir/Patient/" + patientId).resource(Patient.class);
        assertThat(stored.getNameFirstRep().getText()).isEqualTo("テスト 花子");

        FhirHttp.Response again = pharmacist.postBytes("/api/gateway/jahis?fileName=qr.txt&patientId=" + patient,
                "text/plain", fixture("qr-decoded-anonymized.txt", StandardCharsets.UTF_8, "\n"));
        assertThat(JSON.readTree(again.body()).get("counts").get("unchanged").asLong()).isEqualTo(1);
    }

    @Test
    void theUploadNeedsAPharmacyAndAPatient() {
        byte[] file = fixture("tc-multi-dispensing.txt", StandardCharsets.UTF_8, "\n");

        FhirHttp.Response noPatient = pharmacist.postBytes("/api/gateway/jahis", "text/plain", file);
        assertThat(noPatient.status()).isEqualTo(400);
        assertThat(noPatient.contentType()).startsWith("application/problem+json");
        assertThat(noPatient.body()).contains("patientId");

        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        FhirHttp doctor = FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, clinic, Profession.DOCTOR, false));
        assertThat(doctor.postBytes("/api/gateway/jahis?patientId=X1", "text/plain", file).status()).isEqualTo(403);
    }

    @Test
    void aDropDirectoryImportsGoodFilesIntoDoneAndQuarantinesBadOnes(@org.junit.jupiter.api.io.TempDir Path drop)
            throws Exception {
        String patient = "D-" + UUID.randomUUID().toString().substring(0, 8);
        Files.write(drop.resolve(patient + "_20260312.txt"), fixture("tc-multi-dispensing.txt", CP932, "\r\n"));
        Files.write(drop.resolve(patient + "_bad.txt"), "JAHISTC08,1\r\n5,20260310,1\r\n".getBytes(CP932));
        String unnamed = "nobody-" + patient + ".txt";
        Files.write(drop.resolve(unnamed), fixture("tc-minimal-valid.txt", CP932, "\r\n"));
        var directories = new jp.renkei.hub.gateway.jahis.JahisDropDirectories(
                new jp.renkei.hub.gateway.jahis.JahisDropProperties(List.of(
                        new jp.renkei.hub.gateway.jahis.JahisDropProperties.Drop(pharmacy, drop)), null,
                        java.time.Duration.ZERO),
                context.getBean(jp.renkei.hub.gateway.jahis.JahisImport.class),
                context.getBean(jp.renkei.hub.core.facility.FacilityRegistry.class),
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(1)),
                context.getBean(jp.renkei.hub.core.cluster.ClusterJobs.class));

        assertThat(directories.pollOnce()).isEqualTo(3);

        assertThat(drop.resolve("done").resolve(patient + "_20260312.txt")).exists();
        assertThat(drop.resolve("quarantined").resolve(patient + "_bad.txt")).exists();
        assertThat(drop.resolve("quarantined").resolve(unnamed)).exists();
        assertThat(pharmacist.get("/fhir/MedicationDispense?subject=Patient/" + ingestIds.patientIdFor(pharmacy, patient))
                .resource(Bundle.class).getEntry()).hasSize(2);
        var held = context.getBean(jp.renkei.hub.gateway.ingest.Quarantine.class).list(pharmacy, "HELD", 100);
        assertThat(held).anySatisfy(item -> {
            assertThat(item.sourceKind()).isEqualTo("JAHIS_FILE");
            assertThat(item.reason()).isEqualTo("file: no patient record (1); every TC file names its patient");
        });
        assertThat(held).anySatisfy(item -> {
            assertThat(item.source().reference()).isEqualTo("/" + unnamed);
            assertThat(item.reason()).startsWith("file name '" + unnamed + "' does not start with <local patient ID>_");
        });
        assertThat(directories.pollOnce()).isZero();
    }

    private static byte[] fixture(String name, Charset charset, String lineEnding) {
        try {
            String text = Files.readString(Path.of(TestPaths.JAHIS_FIXTURES, name), StandardCharsets.UTF_8);
            return text.replace("\n", lineEnding).getBytes(charset);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
