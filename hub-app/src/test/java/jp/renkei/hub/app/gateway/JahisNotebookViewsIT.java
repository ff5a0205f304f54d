package jp.renkei.hub.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What a pharmacy's notebook upload says about the patient reaches the clinician: the allergies and past illnesses
 * of its special notes are in the {@code $summary} of a clinic the patient consented to, and its OTC drugs are in
 * that clinic's {@code $dispensing-history}; before the consent the clinic sees none of it.
 */
@HubIntegrationTest
class JahisNotebookViewsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The repository's own notebook file (Shift_JIS, CRLF), shared with gateway-connector's tests. */
    private static final Path NOTEBOOK = Path.of("../gateway-connector/src/test/resources/jahis/notebook-special-notes-otc.txt");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void notebookAllergiesAreInTheSummaryAndOtcDrugsInTheDispensingHistoryOfAConsentedClinic() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100000, 999999));
        patient(as(hospital, Profession.DOCTOR), DemoFacility.HOSPITAL.code(), "NA" + suffix);
        String eventNumber = JSON.readTree(ok(as(hospital, Profession.CLERK).postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"NA" + suffix + "\"}")).body()).path("eventNumber").asText();
        FhirHttp clinicDoctor = as(clinic, Profession.DOCTOR);
        patient(clinicDoctor, DemoFacility.CLINIC.code(), "NK" + suffix);
        link(clinic, "NK" + suffix, eventNumber);

        FhirHttp.Response upload = as(pharmacy, Profession.PHARMACIST).postBytes("/api/gateway/jahis?fileName="
                + "notebook.txt&patientId=NP" + suffix, "application/octet-stream", Files.readAllBytes(NOTEBOOK));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(upload.body());
        assertThat(report.get("resources").get("AllergyIntolerance").asInt()).isEqualTo(3);
        assertThat(report.get("resources").get("Condition").asInt()).isEqualTo(2);
        assertThat(report.get("resources").get("MedicationStatement").asInt()).isEqualTo(1);
        assertThat(report.get("resources").get("Observation").asInt()).isEqualTo(2);
        assertThat(report.get("resources").get("MedicationDispense").asInt()).isEqualTo(1);
        assertThat(report.get("coverage").get("lines").get("NOT_MAPPED").asInt()).isEqualTo(1);
        link(pharmacy, "NP" + suffix, eventNumber);

        // no consent yet: the clinic sees none of the pharmacy's data
        String before = ok(clinicDoctor.get("/fhir/Patient/$summary?patient=" + eventNumber)).body();
        assertThat(before).doesNotContain("セフェム系抗生物質").doesNotContain("狭心症");
        assertThat(ok(clinicDoctor.get("/fhir/Patient/$dispensing-history?patient=" + eventNumber)).body())
                .doesNotContain("バイエルアスピリン");

        consent(clinicDoctor, clinic, eventNumber, "CLINICAL", pharmacy);
        consent(clinicDoctor, clinic, eventNumber, "DISPENSING", pharmacy);

        Bundle summary = ok(clinicDoctor.get("/fhir/Patient/$summary?patient=" + eventNumber)).resource(Bundle.class);
        Composition composition = (Composition) summary.getEntryFirstRep().getResource();
        assertThat(section(summary, composition, "薬剤アレルギー等")).extracting(r -> ((AllergyIntolerance) r).getCode().getText())
                .containsExactlyInAnyOrder("セフェム系抗生物質", "ロキソプロフェン");
        assertThat(section(summary, composition, "その他アレルギー等")).extracting(r -> ((AllergyIntolerance) r).getCode().getText())
                .containsExactly("乳製品");
        assertThat(section(summary, composition, "傷病名")).extracting(r -> ((Condition) r).getCode().getText())
                .contains("狭心症", "嚥下困難");
        assertThat(composition.getSection().stream().filter(s -> s.getTitle().equals("薬剤アレルギー等")).findFirst()
                .orElseThrow().getText().getDivAsString()).contains("セフェム系抗生物質", "胃痛", DemoFacility.PHARMACY.name());

        Bundle history = ok(clinicDoctor.get("/fhir/Patient/$dispensing-history?patient=" + eventNumber))
                .resource(Bundle.class);
        List<Resource> records = history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
        assertThat(records).filteredOn(MedicationStatement.class::isInstance)
                .extracting(r -> ((MedicationStatement) r).getMedicationCodeableConcept().getText())
                .containsExactly("バイエルアスピリン");
        assertThat(records).filteredOn(MedicationDispense.class::isInstance)
                .extracting(r -> ((MedicationDispense) r).getMedicationCodeableConcept().getText())
                .containsExactly("バイアスピリン錠１００ｍｇ");
        // memos and patient notes: the clinic finds them among the patient's Observations
        Bundle observations = ok(clinicDoctor.get("/fhir/Observation?patient=" + eventNumber)).resource(Bundle.class);
        assertThat(observations.getEntry()).extracting(e -> ((org.hl7.fhir.r4.model.Observation) e.getResource())
                .getValueStringType().getValue()).contains("朝の服用後にめまいがあった", "次回受診時に血圧手帳を持参");
        // a range before the OTC drug was started leaves it out
        assertThat(ok(clinicDoctor.get("/fhir/Patient/$dispensing-history?patient=" + eventNumber
                + "&from=2025-01-01&to=2025-12-31")).body()).doesNotContain("バイエルアスピリン");
    }

    private static List<Resource> section(Bundle document, Composition composition, String title) {
        List<String> ids = composition.getSection().stream().filter(s -> s.getTitle().equals(title)).findFirst()
                .orElseThrow().getEntry().stream().map(Reference::getReference).toList();
        return document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> ids.contains(r.getIdElement().toUnqualifiedVersionless().getValue())).toList();
    }

    private void patient(FhirHttp as, String facilityCode, String localId) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(facilityCode)).setValue(localId);
        patient.addName().setFamily("高橋").addGiven("花子");
        ok(as.post("/fhir/Patient", patient));
    }

    private void link(String facilityId, String localId, String eventNumber) {
        ok(as(facilityId, Profession.CLERK).postJson("/api/patients/links", """
                {"localPatientId":"%s","eventNumber":"%s","verification":"CARD","reason":"notebook presented"}"""
                .formatted(localId, eventNumber)));
    }

    private static void consent(FhirHttp as, String grantee, String eventNumber, String category, String source) {
        String body = """
                {"eventNumber":"%s","category":"%s","grantees":{"scope":"LISTED","facilityIds":["%s"]},
                 "sources":{"scope":"LISTED","facilityIds":["%s"]},"validFrom":"%s","obtainedVia":"WRITTEN_FORM"}"""
                .formatted(eventNumber, category, grantee, source, Instant.now().minus(1, ChronoUnit.DAYS));
        FhirHttp.Response recorded = as.postJson("/api/consents", body);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    }

    private FhirHttp as(String facilityId, Profession profession) {
        return FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, facilityId, profession, false));
    }

    private static FhirHttp.Response ok(FhirHttp.Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }
}
