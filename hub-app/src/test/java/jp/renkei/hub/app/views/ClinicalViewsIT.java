package jp.renkei.hub.app.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clinical views end to end, with one patient known to five facilities: hospital A (labs, a diagnosis, a
 * drug allergy, a prescription), hospital B (labs in other unit notations, a diagnosis), pharmacies C and D
 * (dispenses of the same ingredient, overlapping, from two prescribers) and the clinic that asks. Consents:
 * CLINICAL from A and B to the clinic; DISPENSING from C and D to the clinic. Pharmacy D has no consent.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicalViewsIT {

    static final String HBA1C = "3D046000001906202";
    static final String GLUCOSE = "3D010000001926101";
    static final String CREATININE = "3C015000002327101";
    static final String LOSARTAN = "2149039F1020";
    static final String LOSARTAN_GENERIC = "2149039F2026";
    static final String METFORMIN = "3962002F1032";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    String hospitalA;
    String hospitalB;
    String pharmacyC;
    String pharmacyD;
    String clinic;
    String eventNumber;
    FhirHttp clinicDoctor;
    FhirHttp pharmacistD;
    String clinicalConsent;
    /** IDs (Type/id) each facility wrote. */
    final Set<String> ofA = new HashSet<>();
    final Set<String> ofB = new HashSet<>();
    final Set<String> ofC = new HashSet<>();
    final Set<String> ofD = new HashSet<>();
    String aPrescription;
    String aHba1c;
    String bGlucose;
    String bCreatinine;
    String cDispense;
    String dDispense;

    @BeforeAll
    void fiveFacilitiesKnowOnePatient() throws Exception {
        hospitalA = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        pharmacyC = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        hospitalB = register(FacilityKind.HOSPITAL, "071", "会津総合病院 (試験)", "アイヅソウゴウビョウイン");
        pharmacyD = register(FacilityKind.PHARMACY, "074", "みどり薬局 (試験)", "ミドリヤッキョク");
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100000, 999999));

        FhirHttp doctorA = as(hospitalA, Profession.DOCTOR);
        String patientA = patient(doctorA, DemoFacility.HOSPITAL.code(), "VA" + suffix);
        eventNumber = new ObjectMapper().readTree(ok(as(hospitalA, Profession.CLERK).postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"VA" + suffix + "\"}")).body()).path("eventNumber").asText();
        assertThat(eventNumber).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}");

        FhirHttp doctorB = as(hospitalB, Profession.DOCTOR);
        String codeB = registry().find(hospitalB).orElseThrow().medicalInstitutionCode().value();
        String patientB = patient(doctorB, codeB, "VB" + suffix);
        link(hospitalB, "VB" + suffix);
        FhirHttp pharmacistC = as(pharmacyC, Profession.PHARMACIST);
        String patientC = patient(pharmacistC, DemoFacility.PHARMACY.code(), "VC" + suffix);
        link(pharmacyC, "VC" + suffix);
        pharmacistD = as(pharmacyD, Profession.PHARMACIST);
        String codeD = registry().find(pharmacyD).orElseThrow().medicalInstitutionCode().value();
        String patientD = patient(pharmacistD, codeD, "VD" + suffix);
        link(pharmacyD, "VD" + suffix);
        clinicDoctor = as(clinic, Profession.DOCTOR);
        patient(clinicDoctor, DemoFacility.CLINIC.code(), "VK" + suffix);
        link(clinic, "VK" + suffix);

        aHba1c = create(doctorA, lab(patientA, HBA1C, "HbA1c (NGSP)", "7.1", "%", "2025-02-01"), ofA);
        create(doctorA, lab(patientA, GLUCOSE, "グルコース", "110", "mg/dL", "2025-01-10"), ofA);
        create(doctorA, lab(patientA, CREATININE, "クレアチニン", "0.9", "mg/dL", "2025-01-10"), ofA);
        create(doctorA, condition(patientA, "2型糖尿病"), ofA);
        AllergyIntolerance penicillin = new AllergyIntolerance();
        penicillin.setPatient(new Reference("Patient/" + patientA));
        penicillin.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
        penicillin.getCode().setText("ペニシリン系抗菌薬");
        create(doctorA, penicillin, ofA);
        MedicationRequest prescription = new MedicationRequest();
        prescription.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        prescription.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        prescription.setSubject(new Reference("Patient/" + patientA));
        prescription.setMedication(drug(LOSARTAN, "ロサルタンカリウム錠50mg"));
        prescription.setAuthoredOn(day("2025-04-01"));
        prescription.setRequester(new Reference().setDisplay("山田 太郎 (医師)"));
        prescription.getDispenseRequest().setExpectedSupplyDuration((Duration) new Duration().setValue(28).setCode("d"));
        aPrescription = create(doctorA, prescription, ofA);

        bGlucose = create(doctorB, lab(patientB, GLUCOSE, "グルコース", "120", "mg/dl", "2025-03-10"), ofB);
        bCreatinine = create(doctorB, lab(patientB, CREATININE, "クレアチニン", "80", "umol/L", "2025-03-10"), ofB);
        create(doctorB, condition(patientB, "高血圧症"), ofB);

        // Pharmacy C fills hospital A's prescription and names it: it may refer only to what it may see, so the
        // patient's consent opens A's clinical data to C first (a reference to hidden data is refused like one
        // to nothing).
        consent(pharmacyC, "CLINICAL", List.of(hospitalA));
        MedicationDispense c = dispense(patientC, LOSARTAN, "ロサルタンカリウム錠50mg", "2025-04-01", 28);
        c.addAuthorizingPrescription(new Reference(aPrescription));
        cDispense = create(pharmacistC, c, ofC);
        MedicationDispense d = dispense(patientD, LOSARTAN_GENERIC, "ロサルタンK錠50mg「日医工」", "2025-04-15", 28);
        d.addAuthorizingPrescription(new Reference().setDisplay("佐藤 花子 (会津総合病院 医師)"));
        dDispense = create(pharmacistD, d, ofD);
        MedicationDispense later = dispense(patientD, LOSARTAN_GENERIC, "ロサルタンK錠50mg「日医工」", "2025-06-01", 28);
        later.addAuthorizingPrescription(new Reference().setDisplay("佐藤 花子 (会津総合病院 医師)"));
        create(pharmacistD, later, ofD);
        MedicationDispense metformin = dispense(patientD, METFORMIN, "メトホルミン塩酸塩錠250mg", "2025-04-15", 28);
        metformin.addAuthorizingPrescription(new Reference().setDisplay("佐藤 花子 (会津総合病院 医師)"));
        create(pharmacistD, metformin, ofD);

        clinicalConsent = consent("CLINICAL", List.of(hospitalA, hospitalB));
        consent("DISPENSING", List.of(pharmacyC, pharmacyD));
    }

    @Test
    @Order(1)
    void theSummaryHoldsExactlyTheConsentedSourcesDataEachAttributed() {
        FhirHttp.Response response = ok(clinicDoctor.get("/fhir/Patient/$summary?patient=" + eventNumber));
        Bundle document = response.resource(Bundle.class);
        assertThat(document.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getSubject().getIdentifier().getValue()).isEqualTo(eventNumber);
        assertThat(composition.getSection()).extracting(Composition.SectionComponent::getTitle)
                .contains("傷病名", "薬剤アレルギー等", "感染症", "処方", "調剤");

        // labs: the latest result per test, so A's glucose and creatinine gave way to B's newer ones
        Set<String> expected = new HashSet<>(ofA);
        expected.removeIf(id -> id.startsWith("Observation/") && !id.equals(aHba1c));
        expected.addAll(ofB);
        expected.addAll(ofC);
        expected.addAll(ofD);
        assertThat(clinicalIds(document)).containsExactlyInAnyOrderElementsOf(expected);
        for (Bundle.BundleEntryComponent entry : document.getEntry()) {
            Resource resource = entry.getResource();
            if (!(resource instanceof Composition) && !(resource instanceof OperationOutcome)) {
                Reference source = (Reference) entry.getExtensionByUrl(SOURCE_EXTENSION).getValue();
                String tagged = resource.getMeta().getTag().stream()
                        .filter(t -> HubSystems.SOURCE_FACILITY.equals(t.getSystem())).findFirst().orElseThrow().getCode();
                assertThat(source.getIdentifier().getValue()).isEqualTo(tagged);
                assertThat(source.getDisplay()).isEqualTo(registry().find(tagged).orElseThrow().details().name());
            }
        }
        assertThat(composition.getSection().get(0).getText().getDivAsString())
                .contains("2型糖尿病", DemoFacility.HOSPITAL.name()).contains("高血圧症", "会津総合病院 (試験)");
        assertThat(document.getEntry()).noneMatch(e -> e.getResource() instanceof OperationOutcome);

        FhirHttp.Response html = ok(clinicDoctor.get("/fhir/Patient/$summary?patient=" + eventNumber
                + "&render=html", "text/html"));
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("患者サマリー", "ペニシリン系抗菌薬",
                "みどり薬局 (試験)", eventNumber);
    }

    @Test
    @Order(2)
    void theDispensingHistoryIsNewestFirstAndWarnsOnceAboutTheOverlappingSameIngredient() {
        Bundle history = ok(clinicDoctor.get("/fhir/Patient/$dispensing-history?patient=" + eventNumber))
                .resource(Bundle.class);
        List<String> records = history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof MedicationDispense || r instanceof MedicationRequest)
                .map(r -> r.getIdElement().toUnqualifiedVersionless().getValue()).toList();
        // A's prescription is filled by C's dispense and not listed twice; dates 06-01, 04-15 (two), 04-01
        assertThat(records).hasSize(4).doesNotContain(aPrescription);
        assertThat(records.get(0)).isNotIn(cDispense, dDispense);
        assertThat(records.get(3)).isEqualTo(cDispense);

        List<DetectedIssue> issues = history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(DetectedIssue.class::isInstance).map(DetectedIssue.class::cast).toList();
        assertThat(issues).hasSize(1);
        DetectedIssue issue = issues.get(0);
        assertThat(issue.getImplicated()).extracting(Reference::getReference)
                .containsExactlyInAnyOrder(cDispense, dDispense);
        assertThat(issue.getCode().getCoding()).extracting(Coding::getCode).contains("DUPTHPY", "same-ingredient");
        assertThat(issue.getDetail()).contains("2149039", DemoFacility.PHARMACY.name(), "みどり薬局 (試験)",
                "山田 太郎", "佐藤 花子", "2025-04-15〜2025-04-28");

        Bundle check = ok(clinicDoctor.get("/fhir/Patient/$medication-check?patient=" + eventNumber))
                .resource(Bundle.class);
        assertThat(check.getEntry()).hasSize(1);

        Bundle april = ok(clinicDoctor.get("/fhir/Patient/$dispensing-history?patient=" + eventNumber
                + "&from=2025-04-10&to=2025-04-30")).resource(Bundle.class);
        assertThat(april.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationDispense.class::isInstance)).hasSize(2);
        assertThat(april.getEntry()).anyMatch(e -> e.getResource() instanceof DetectedIssue);
    }

    @Test
    @Order(3)
    void aPharmacyWithoutConsentSeesOnlyItsOwnDispensesAndNoFindingAboutOthers() {
        FhirHttp.Response response = ok(pharmacistD.get("/fhir/Patient/$dispensing-history?patient=" + eventNumber));
        assertThat(response.body()).doesNotContain(cDispense).doesNotContain(aPrescription)
                .doesNotContain("ロサルタンカリウム錠50mg");
        Bundle history = response.resource(Bundle.class);
        assertThat(history.getEntry()).noneMatch(e -> e.getResource() instanceof DetectedIssue);
        assertThat(history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationDispense.class::isInstance)
                .map(r -> r.getIdElement().toUnqualifiedVersionless().getValue()).toList())
                .containsExactlyInAnyOrderElementsOf(ofD);
        OperationOutcome withheld = history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(OperationOutcome.class::isInstance).map(OperationOutcome.class::cast).findFirst().orElseThrow();
        assertThat(withheld.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anyMatch(text -> text.contains(DemoFacility.PHARMACY.name()))
                .anyMatch(text -> text.contains(DemoFacility.HOSPITAL.name()));
    }

    @Test
    @Order(4)
    void theLabTrendJoinsNotationOnlyDifferencesFlagsTrueOnesAndDrawsTheChart() throws Exception {
        Parameters glucose = ok(clinicDoctor.get("/fhir/Patient/$lab-trend?patient=" + eventNumber + "&code="
                + JpCoreSystems.JLAC10 + "|" + GLUCOSE)).resource(Parameters.class);
        assertThat(((org.hl7.fhir.r4.model.BooleanType) glucose.getParameter("mixedUnits").getValue()).booleanValue()).isFalse();
        List<Parameters.ParametersParameterComponent> series = glucose.getParameter().stream()
                .filter(p -> "series".equals(p.getName())).toList();
        assertThat(series).hasSize(1);
        assertThat(series.get(0).getPart().get(0).getValue().primitiveValue()).isEqualTo("mg/dL");
        List<Parameters.ParametersParameterComponent> points = series.get(0).getPart().stream()
                .filter(p -> "point".equals(p.getName())).toList();
        assertThat(points).hasSize(2);
        assertThat(points.get(1).getPart()).anyMatch(p -> "observation".equals(p.getName())
                && bGlucose.equals(((Reference) p.getValue()).getReference()));
        assertThat(points.get(1).getPart()).anyMatch(p -> "referenceRange".equals(p.getName()));

        Parameters creatinine = ok(clinicDoctor.get("/fhir/Patient/$lab-trend?patient=" + eventNumber + "&code="
                + JpCoreSystems.JLAC10 + "|" + CREATININE)).resource(Parameters.class);
        assertThat(((org.hl7.fhir.r4.model.BooleanType) creatinine.getParameter("mixedUnits").getValue()).booleanValue()).isTrue();
        assertThat(creatinine.getParameter().stream().filter(p -> "series".equals(p.getName()))).hasSize(2);
        assertThat(creatinine.getParameter("unitWarning").getValue().primitiveValue()).contains("umol/L", "mg/dL", "not mixed");

        FhirHttp.BinaryResponse png = clinicDoctor.getBytes("/fhir/Patient/$lab-trend?patient=" + eventNumber
                + "&code=" + JpCoreSystems.JLAC10 + "|" + GLUCOSE + "&render=png", "image/png");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).startsWith("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void badAddressesAndStrangersAreRefusedWithTheirReason() {
        FhirHttp.Response invalid = clinicDoctor.get("/fhir/Patient/$summary?patient=1234-5678");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.diagnostics()).contains("patient '1234-5678' is not a valid event management number");
        String careOffice = registry().list(null, null, null).stream()
                .filter(f -> DemoFacility.CARE_OFFICE.name().equals(f.details().name())).findFirst().orElseThrow().id();
        FhirHttp.Response stranger = as(careOffice, Profession.CARE_MANAGER).get("/fhir/Patient/$summary?patient=" + eventNumber);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.body()).contains("no record of this patient").doesNotContain(DemoFacility.HOSPITAL.name());
    }

    @Test
    @Order(6)
    void withdrawingHospitalBsCoverageRemovesItsEntriesAndNamesItAsWithheld() throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM hub.audit_event").query(Long.class).single();
        withdraw(clinicalConsent);
        consent("CLINICAL", List.of(hospitalA));

        Bundle document = ok(clinicDoctor.get("/fhir/Patient/$summary?patient=" + eventNumber)).resource(Bundle.class);
        Set<String> shown = clinicalIds(document);
        assertThat(shown).doesNotContainAnyElementsOf(ofB).contains(aHba1c, aPrescription);
        // without B's newer results, A's are the latest again
        assertThat(shown).containsAll(ofA);
        OperationOutcome withheld = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(OperationOutcome.class::isInstance).map(OperationOutcome.class::cast).findFirst().orElseThrow();
        assertThat(withheld.getIssue()).hasSize(1);
        assertThat(withheld.getIssue().get(0).getDiagnostics()).contains("会津総合病院 (試験)", hospitalB)
                .doesNotContain("高血圧症");
        assertThat(FhirHttp.json(document)).doesNotContain("高血圧症").doesNotContain(bGlucose);

        List<String> decisions = List.of();
        for (int attempt = 0; attempt < 50 && decisions.isEmpty(); attempt++) {
            Thread.sleep(100);
            decisions = jdbc.sql("SELECT resource || ' ' || outcome FROM hub.audit_event WHERE seq > ?"
                    + " AND resource LIKE 'access-decision%' AND patient_ref = ? ORDER BY seq")
                    .param(before).param(eventNumber).query(String.class).list();
        }
        assertThat(decisions).containsExactly("access-decision CLINICAL from " + hospitalB + " DENIED");
    }

    // ---- scenario helpers ----

    static final String SOURCE_EXTENSION = "https://renkei-hub.jp/fhir/StructureDefinition/source-facility";

    private static Set<String> clinicalIds(Bundle document) {
        Set<String> ids = new HashSet<>();
        document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation || r instanceof Condition || r instanceof AllergyIntolerance
                        || r instanceof MedicationRequest || r instanceof MedicationDispense)
                .forEach(r -> ids.add(r.getIdElement().toUnqualifiedVersionless().getValue()));
        return ids;
    }

    private FacilityRegistry registry() {
        return context.getBean(FacilityRegistry.class);
    }

    private String register(FacilityKind kind, String prefix, String name, String kana) {
        String code = prefix + ThreadLocalRandom.current().nextInt(1000000, 9999999);
        var facility = registry().apply(new FacilityApplication(kind, new MedicalInstitutionCode(code),
                new FacilityDetails(name, kana, new PostalAddress("965-0000", "福島県", "会津若松市", "試験1-1"), "会津",
                        new FacilityContact("0242-00-0000", null), List.of())), "integration-test");
        registry().changeStatus(facility.id(), FacilityStatus.APPROVED, "test network", "integration-test");
        registry().changeStatus(facility.id(), FacilityStatus.ACTIVE, "test network", "integration-test");
        return facility.id();
    }

    private String patient(FhirHttp as, String facilityCode, String localId) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(facilityCode)).setValue(localId);
        patient.addName().setFamily("連携").addGiven("花子");
        patient.setBirthDate(day("1950-05-05"));
        return ok(as.post("/fhir/Patient", patient)).resource(Patient.class).getIdElement().getIdPart();
    }

    private void link(String facilityId, String localId) {
        ok(as(facilityId, Profession.CLERK).postJson("/api/patients/links", """
                {"localPatientId":"%s","eventNumber":"%s","verification":"CARD","reason":"health passport presented"}"""
                .formatted(localId, eventNumber)));
    }

    private String consent(String category, List<String> sources) throws Exception {
        return consent(clinic, category, sources);
    }

    private String consent(String grantee, String category, List<String> sources) throws Exception {
        String body = """
                {"eventNumber":"%s","category":"%s","grantees":{"scope":"LISTED","facilityIds":["%s"]},
                 "sources":{"scope":"LISTED","facilityIds":[%s]},"validFrom":"%s","obtainedVia":"WRITTEN_FORM"}"""
                .formatted(eventNumber, category, grantee, String.join(",", sources.stream().map(s -> "\"" + s + "\"").toList()),
                        Instant.now().minus(1, ChronoUnit.DAYS));
        FhirHttp.Response recorded = clinicDoctor.postJson("/api/consents", body);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        return new ObjectMapper().readTree(recorded.body()).path("id").asText();
    }

    private void withdraw(String consentId) {
        ok(clinicDoctor.postJson("/api/consents/" + consentId + "/withdraw", "{\"reason\":\"patient asked to stop sharing\"}"));
    }

    private static String create(FhirHttp as, Resource resource, Set<String> into) {
        FhirHttp.Response created = as.post("/fhir/" + resource.fhirType(), resource);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = resource.fhirType() + "/" + created.resource(resource.getClass()).getIdElement().getIdPart();
        into.add(id);
        return id;
    }

    private static Observation lab(String patientId, String jlac10, String name, String value, String unit, String date) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        observation.setCode(new CodeableConcept(new Coding(JpCoreSystems.JLAC10, jlac10, name)));
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType(day(date)));
        observation.setValue(new Quantity().setValue(new java.math.BigDecimal(value)).setUnit(unit));
        observation.addReferenceRange().setLow(new Quantity().setValue(1).setUnit(unit))
                .setHigh(new Quantity().setValue(200).setUnit(unit));
        return observation;
    }

    private static Condition condition(String patientId, String name) {
        Condition condition = new Condition();
        condition.setSubject(new Reference("Patient/" + patientId));
        condition.getCode().setText(name);
        condition.setRecordedDate(day("2024-10-01"));
        return condition;
    }

    private static MedicationDispense dispense(String patientId, String yj, String name, String handedOver, int days) {
        MedicationDispense dispense = new MedicationDispense();
        dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
        dispense.setSubject(new Reference("Patient/" + patientId));
        dispense.setMedication(drug(yj, name));
        dispense.setWhenHandedOver(day(handedOver));
        dispense.setDaysSupply(new Quantity().setValue(days).setUnit("日").setCode("d"));
        return dispense;
    }

    private static CodeableConcept drug(String yj, String name) {
        return new CodeableConcept(new Coding(JpCoreSystems.YJ, yj, name));
    }

    private static Date day(String date) {
        return Date.from(LocalDate.parse(date).atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
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
