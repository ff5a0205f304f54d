package jp.renkei.hub.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestNetwork;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.dispensing.FindingIssues;
import jp.renkei.hub.gateway.ingest.IngestIds;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The duplicate check on what an uploaded notebook says: the demo pharmacy uploads a notebook (our own fixture,
 * Shift_JIS with CRLF) listing its own dispensings and another pharmacy's, prescribed by two doctors; a pharmacy
 * the patient's consent lets see the demo pharmacy's dispensing data finds the one overlap, naming both
 * pharmacies and prescribers. A facility without that consent finds nothing and reads none of it. An OTC drug the
 * uploading pharmacy records (MedicationStatement, CLINICAL data) takes part once a CLINICAL consent shows it.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebookMedicationCheckIT {

    static final Path NOTEBOOK = Path.of("../gateway-connector/src/test/resources/jahis/tc-two-pharmacies-sjis.txt");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    IngestIds ingestIds;

    String pharmacy;
    String viewer;
    String clinic;
    String eventNumber;
    String localPatient;
    FhirHttp pharmacist;
    FhirHttp viewingPharmacist;
    FhirHttp clinicDoctor;

    @BeforeAll
    void aNotebookOfTwoPharmaciesIsUploadedAndShared() throws Exception {
        pharmacy = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        viewer = TestNetwork.activeFacility(context, FacilityKind.PHARMACY, "074", "ひばり薬局 (試験)", "ヒバリヤッキョク");
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100000, 999999));

        clinicDoctor = as(clinic, Profession.DOCTOR);
        patient(clinicDoctor, DemoFacility.CLINIC.code(), "NK" + suffix);
        eventNumber = new ObjectMapper().readTree(ok(as(clinic, Profession.CLERK).postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"NK" + suffix + "\"}")).body()).path("eventNumber").asText();

        pharmacist = as(pharmacy, Profession.PHARMACIST);
        localPatient = "NP" + suffix;
        FhirHttp.Response uploaded = pharmacist.postBytes("/api/gateway/jahis?fileName=notebook.txt&patientId="
                + localPatient, "application/octet-stream", Files.readAllBytes(NOTEBOOK));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        JsonNode report = new ObjectMapper().readTree(uploaded.body());
        assertThat(report.get("status").asText()).isEqualTo("STORED");
        assertThat(report.get("dispensings").asInt()).isEqualTo(3);
        link(pharmacy, localPatient);

        viewingPharmacist = as(viewer, Profession.PHARMACIST);
        String viewerCode = context.getBean(FacilityRegistry.class).find(viewer).orElseThrow()
                .medicalInstitutionCode().value();
        patient(viewingPharmacist, viewerCode, "NV" + suffix);
        link(viewer, "NV" + suffix);
        consent(viewer, "DISPENSING", List.of(pharmacy));
    }

    @Test
    @Order(1)
    void aConsentedPharmacyFindsTheOneOverlapNamingBothPharmaciesAndBothPrescribers() {
        Bundle check = ok(viewingPharmacist.get("/fhir/Patient/$medication-check?patient=" + eventNumber))
                .resource(Bundle.class);
        List<DetectedIssue> findings = issues(check);
        assertThat(findings).hasSize(1);
        DetectedIssue finding = findings.get(0);
        assertThat(finding.getCode().getCoding()).anyMatch(c -> FindingIssues.RULE_SYSTEM.equals(c.getSystem())
                && "same-ingredient".equals(c.getCode()));
        // the registered codes by their registry names, the other pharmacy and the clinic as the notebook names them
        assertThat(finding.getDetail()).contains("YJ 2171022", DemoFacility.PHARMACY.name(), "あおぞら薬局 駅東店",
                "安積 健 医師 (あさか内科クリニック", "高橋 誠 医師 (" + DemoFacility.HOSPITAL.name(),
                "2026-04-10〜2026-04-23");
        assertThat(finding.getImplicated()).hasSize(2).allMatch(r -> r.getReference().startsWith("MedicationDispense/"));

        Bundle history = ok(viewingPharmacist.get("/fhir/Patient/$dispensing-history?patient=" + eventNumber))
                .resource(Bundle.class);
        List<MedicationDispense> dispenses = history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationDispense.class::isInstance).map(MedicationDispense.class::cast).toList();
        assertThat(dispenses).hasSize(6);
        // the named pharmacy is content; the source stays the uploading pharmacy, set by the hub
        assertThat(dispenses).allMatch(d -> d.getMeta().getTag(HubSystems.SOURCE_FACILITY, pharmacy) != null
                && d.getMeta().getTag().stream().filter(t -> HubSystems.SOURCE_FACILITY.equals(t.getSystem())).count() == 1);
        assertThat(dispenses).anyMatch(d -> d.getPerformerFirstRep().getActor().hasIdentifier()
                && pharmacy.equals(d.getPerformerFirstRep().getActor().getIdentifier().getValue()));
        assertThat(dispenses).anyMatch(d -> "#pharmacy".equals(d.getPerformerFirstRep().getActor().getReference()));
        assertThat(issues(history)).hasSize(1);
    }

    @Test
    @Order(2)
    void aFacilityWithoutConsentFindsNothingAndReadsNoneOfTheNotebook() {
        FhirHttp.Response response = ok(clinicDoctor.get("/fhir/Patient/$medication-check?patient=" + eventNumber));
        assertThat(issues(response.resource(Bundle.class))).isEmpty();
        assertThat(response.body()).doesNotContain("あおぞら薬局").doesNotContain("アムロジピン").doesNotContain("高橋 誠");
    }

    @Test
    @Order(3)
    void anOtcAspirinTheUploaderRecordsBesideTheNotebooksLoxoprofenIsAnNsaidFindingOnceTheViewerMaySeeIt()
            throws Exception {
        MedicationStatement aspirin = new MedicationStatement();
        aspirin.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        aspirin.setSubject(new Reference("Patient/" + ingestIds.patientIdFor(pharmacy, localPatient)));
        aspirin.setMedication(new CodeableConcept().setText("バイエルアスピリン (アスピリン 500mg)"));
        aspirin.setEffective(new Period().setStart(day("2026-04-15")).setEnd(day("2026-04-18")));
        aspirin.setDateAsserted(day("2026-04-20"));
        String statement = "MedicationStatement/" + ok(pharmacist.post("/fhir/MedicationStatement", aspirin))
                .resource(MedicationStatement.class).getIdElement().getIdPart();

        // an OTC drug is a MedicationStatement, CLINICAL data: the dispensing consent alone does not show it, and
        // the check cannot use what the viewer may not see
        FhirHttp.Response withheld = ok(viewingPharmacist.get("/fhir/Patient/$medication-check?patient=" + eventNumber));
        assertThat(issues(withheld.resource(Bundle.class))).hasSize(1);
        assertThat(withheld.body()).doesNotContain("バイエルアスピリン").doesNotContain(statement);

        consent(viewer, "CLINICAL", List.of(pharmacy));
        Bundle check = ok(viewingPharmacist.get("/fhir/Patient/$medication-check?patient=" + eventNumber))
                .resource(Bundle.class);
        List<DetectedIssue> findings = issues(check);
        assertThat(findings).hasSize(2);
        DetectedIssue otc = findings.stream().filter(f -> f.getImplicated().stream()
                .anyMatch(r -> statement.equals(r.getReference()))).findFirst().orElseThrow();
        assertThat(otc.getCode().getCoding()).anyMatch(c -> "same-drug-class".equals(c.getCode()));
        assertThat(otc.getDetail()).contains("NSAID", "バイエルアスピリン", "一般用医薬品 (処方なし)", "ロキソプロフェン",
                "あおぞら薬局 駅東店", "高橋 誠");

        Bundle history = ok(viewingPharmacist.get("/fhir/Patient/$dispensing-history?patient=" + eventNumber))
                .resource(Bundle.class);
        assertThat(history.getEntry()).anyMatch(e -> e.getResource() instanceof MedicationStatement);
    }

    private static List<DetectedIssue> issues(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(DetectedIssue.class::isInstance).map(DetectedIssue.class::cast).toList();
    }

    private void patient(FhirHttp as, String facilityCode, String localId) {
        TestNetwork.patient(as, facilityCode, localId, day("1946-04-15"));
    }

    private void link(String facilityId, String localId) {
        TestNetwork.link(as(facilityId, Profession.CLERK), localId, eventNumber);
    }

    private void consent(String grantee, String category, List<String> sources) throws Exception {
        TestNetwork.consent(clinicDoctor, eventNumber, grantee, category, sources);
    }

    private FhirHttp as(String facilityId, Profession profession) {
        return FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, facilityId, profession, false));
    }

    private static Date day(String day) {
        return Date.from(LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
    }

    private static FhirHttp.Response ok(FhirHttp.Response response) {
        return TestNetwork.ok(response);
    }
}
