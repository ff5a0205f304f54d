package jp.renkei.hub.app.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The consent gate on the FHIR API, end to end: the hospital's data about a patient that the clinic has linked
 * by event number, asked for by a doctor of the clinic, in every consent state that must not open it and on
 * every read path; then with a consent that does open it. Assertions are on the raw response body.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentGateIT {

    private static final Pattern BUNDLE = Pattern.compile("\\s*\\{\\s*\"resourceType\"\\s*:\\s*\"Bundle\"");
    private static final String HOSPITAL_SYSTEM = JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code());

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    String hospitalId;
    String clinicId;
    String pharmacyId;
    String eventNumber;
    String hospitalPatientId;
    List<String> hospitalObservations;
    List<String> hospitalPrescriptions;
    FhirHttp clinicDoctor;
    boolean patientMayShow;

    @BeforeAll
    void hospitalPatientLinkedByTheClinic() throws Exception {
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        pharmacyId = TestPeople.demoFacilityId(context, DemoFacility.PHARMACY);
        String hospitalLocal = DemoDataLoader.demoPatient(0).localId(); // H000001
        String clinicLocal = DemoDataLoader.demoPatient(3).localId();   // C000004
        FhirHttp hospitalClerk = as(hospitalId, Profession.CLERK);
        hospitalClerk.postJson("/api/patients/enrolments", "{\"localPatientId\":\"" + hospitalLocal + "\"}");
        FhirHttp hospitalDoctor = as(hospitalId, Profession.DOCTOR);
        Patient patient = (Patient) ok(hospitalDoctor.get("/fhir/Patient?identifier=" + HOSPITAL_SYSTEM + "|"
                + hospitalLocal)).resource(Bundle.class).getEntryFirstRep().getResource();
        hospitalPatientId = patient.getIdElement().getIdPart();
        eventNumber = patient.getIdentifier().stream().filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()))
                .findFirst().orElseThrow().getValue();
        FhirHttp clinicClerk = as(clinicId, Profession.CLERK);
        FhirHttp.Response linked = clinicClerk.postJson("/api/patients/links", """
                {"localPatientId":"%s","eventNumber":"%s","verification":"CARD","reason":"health passport presented"}"""
                .formatted(clinicLocal, eventNumber));
        assertThat(linked.status()).as(linked.body()).isIn(200, 201);

        hospitalObservations = ids(ok(hospitalDoctor.get("/fhir/Observation?patient=" + hospitalPatientId
                + "&_count=100")), "Observation");
        hospitalPrescriptions = ids(ok(hospitalDoctor.get("/fhir/MedicationRequest?patient=" + hospitalPatientId
                + "&_count=100")), "MedicationRequest");
        assertThat(hospitalObservations).as("the hospital sees its own data").hasSizeGreaterThan(3);
        assertThat(hospitalPrescriptions).isNotEmpty();
        clinicDoctor = as(clinicId, Profession.DOCTOR);
    }

    /** A consent state that must keep the hospital's data hidden from the clinic. */
    record State(String name, String category, String grantees, String sources, Instant from, Instant until,
                 boolean withdrawn) {

        /** The Patient is identity: shown when a consent of ANY category opens the patient's data. */
        boolean patientVisible() {
            return "DISPENSING".equals(category);
        }
    }

    List<State> closedStates() {
        Instant now = Instant.now();
        String all = "{\"scope\":\"ALL\"}";
        String pharmacyOnly = "{\"scope\":\"LISTED\",\"facilityIds\":[\"" + pharmacyId + "\"]}";
        return List.of(
                new State("no consent", null, null, null, null, null, false),
                new State("other category only", "DISPENSING", all, all, now.minus(1, ChronoUnit.DAYS), null, false),
                new State("other grantee", "CLINICAL", pharmacyOnly, all, now.minus(1, ChronoUnit.DAYS), null, false),
                new State("other source", "CLINICAL", all, pharmacyOnly, now.minus(1, ChronoUnit.DAYS), null, false),
                new State("withdrawn", "CLINICAL", all, all, now.minus(1, ChronoUnit.DAYS), null, true),
                new State("expired", "CLINICAL", all, all, now.minus(30, ChronoUnit.DAYS),
                        now.minus(1, ChronoUnit.DAYS), false));
    }

    /** A read path and whether its body may show the clinic anything of the hospital's data. */
    record Path(String name, String url) {
    }

    List<Path> paths() {
        String hidden = hospitalObservations.get(0);
        return List.of(
                new Path("search by patient", "/fhir/Observation?patient=" + hospitalPatientId + "&_count=100"),
                new Path("prescriptions by patient", "/fhir/MedicationRequest?patient=" + hospitalPatientId + "&_count=100"),
                new Path("search by event number", "/fhir/Observation?patient=" + eventNumber + "&_count=100"),
                new Path("search by event-number chain", "/fhir/Observation?subject.identifier="
                        + HubSystems.EVENT_NUMBER + "|" + eventNumber + "&_count=100"),
                new Path("read", "/fhir/Observation/" + hidden),
                new Path("$everything", "/fhir/Patient/" + hospitalPatientId + "/$everything?_count=500"),
                new Path("_revinclude", "/fhir/Patient?_id=" + hospitalPatientId + "&_revinclude=Observation:subject"),
                new Path("_include", "/fhir/Observation?patient=" + hospitalPatientId + "&_include=Observation:subject"),
                new Path("instance history", "/fhir/Observation/" + hidden + "/_history"),
                new Path("type history", "/fhir/Observation/_history?_count=500"),
                new Path("first page", "/fhir/Observation?patient=" + hospitalPatientId + "&_count=3"),
                new Path("_summary=count", "/fhir/Observation?patient=" + hospitalPatientId + "&_summary=count"),
                new Path("_total=accurate", "/fhir/Observation?patient=" + hospitalPatientId + "&_total=accurate"));
    }

    @Test
    void noClosedConsentStateShowsTheHospitalsDataOnAnyPath() throws Exception {
        List<String> failures = new ArrayList<>();
        for (State state : closedStates()) {
            String consent = record(state);
            patientMayShow = state.patientVisible();
            try {
                for (Path path : paths()) {
                    check(state.name() + " / " + path.name(), clinicDoctor.get(path.url()), failures);
                }
                check(state.name() + " / batch", clinicDoctor.post("/fhir", batch()), failures);
                FhirHttp.Response first = clinicDoctor.get("/fhir/Observation?patient=" + hospitalPatientId + "&_count=3");
                String next = nextLink(first);
                if (next != null) {
                    check(state.name() + " / page 2", clinicDoctor.get(next), failures);
                }
            } finally {
                if (consent != null && !state.withdrawn()) {
                    withdraw(consent);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anActiveConsentOpensTheHospitalsDataAndAWithdrawalClosesTheNextPage() throws Exception {
        Instant now = Instant.now();
        String consent = record(new State("active", "CLINICAL", "{\"scope\":\"LISTED\",\"facilityIds\":[\"" + clinicId
                + "\"]}", "{\"scope\":\"LISTED\",\"facilityIds\":[\"" + hospitalId + "\"]}",
                now.minus(1, ChronoUnit.DAYS), null, false));
        try {
            assertThat(ids(ok(clinicDoctor.get("/fhir/Observation?patient=" + hospitalPatientId + "&_count=100")),
                    "Observation")).containsExactlyInAnyOrderElementsOf(hospitalObservations);
            assertThat(ids(ok(clinicDoctor.get("/fhir/Observation?patient=" + eventNumber + "&_count=100")),
                    "Observation")).as("addressed by event number: the hospital's and the clinic's own data")
                    .containsAll(hospitalObservations);
            assertThat(ids(ok(clinicDoctor.get("/fhir/MedicationRequest?patient=" + hospitalPatientId + "&_count=100")),
                    "MedicationRequest")).containsExactlyInAnyOrderElementsOf(hospitalPrescriptions);
            assertThat(ok(clinicDoctor.get("/fhir/Observation/" + hospitalObservations.get(0))).status()).isEqualTo(200);
            assertThat(ids(ok(clinicDoctor.get("/fhir/Patient?_id=" + hospitalPatientId
                    + "&_revinclude=Observation:subject")), "Observation"))
                    .containsExactlyInAnyOrderElementsOf(hospitalObservations);
            assertThat(ids(ok(clinicDoctor.get("/fhir/Patient/" + hospitalPatientId + "/$everything?_count=500")),
                    "Observation")).containsAll(hospitalObservations);
            FhirHttp.Response batch = ok(clinicDoctor.post("/fhir", batch()));
            assertThat(batch.body()).contains("Observation/" + hospitalObservations.get(0));

            FhirHttp.Response first = ok(clinicDoctor.get("/fhir/Observation?patient=" + hospitalPatientId + "&_count=3"));
            assertThat(ids(first, "Observation")).hasSize(3);
            String next = nextLink(first);
            assertThat(next).as("a next page").isNotNull();

            withdraw(consent);
            consent = null;
            List<String> failures = new ArrayList<>();
            check("withdrawn during paging / page 2", clinicDoctor.get(next), failures);
            check("withdrawn / search", clinicDoctor.get("/fhir/Observation?patient=" + hospitalPatientId), failures);
            assertThat(failures).isEmpty();
        } finally {
            if (consent != null) {
                withdraw(consent);
            }
        }
    }

    @Test
    void aFilteredSearchIsAuditedOnceWithItsDenial() throws Exception {
        org.springframework.jdbc.core.simple.JdbcClient jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM hub.audit_event").query(Long.class).single();

        FhirHttp.Response search = ok(clinicDoctor.get("/fhir/Observation?patient=" + hospitalPatientId + "&_count=100"));
        assertThat(ids(search, "Observation")).isEmpty();

        List<String> decisions = decisionsSince(jdbc, before, "resource || ' ' || outcome");
        assertThat(decisions).containsExactly("access-decision CLINICAL from " + hospitalId + " DENIED");
    }

    @Test
    void eachDecisionRecordsThePurposeTheRequestDeclared() throws Exception {
        org.springframework.jdbc.core.simple.JdbcClient jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        for (String purpose : List.of("ETREAT", "TREAT")) {
            long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM hub.audit_event").query(Long.class).single();
            FhirHttp asked = "TREAT".equals(purpose) ? clinicDoctor : clinicDoctor.withPurpose(purpose);
            ok(asked.get("/fhir/Observation?patient=" + hospitalPatientId + "&_count=100"));
            List<String> purposes = decisionsSince(jdbc, before, "purpose");
            assertThat(purposes).as("the gate's decision under X-Purpose-Of-Use " + purpose).containsExactly(purpose);
        }
    }

    /** {@code column} of the access decisions about the patient audited after {@code seq}, once they are written. */
    private List<String> decisionsSince(org.springframework.jdbc.core.simple.JdbcClient jdbc, long seq, String column)
            throws InterruptedException {
        List<String> found = List.of();
        for (int attempt = 0; attempt < 50 && found.isEmpty(); attempt++) {
            Thread.sleep(100);
            found = jdbc.sql("SELECT " + column + " FROM hub.audit_event WHERE seq > ?"
                    + " AND resource LIKE 'access-decision%' AND patient_ref = ? ORDER BY seq")
                    .param(seq).param(eventNumber).query(String.class).list();
        }
        return found;
    }

    @Test
    void dataThatIsNotAboutPatientsStillCounts() {
        FhirHttp.Response count = ok(clinicDoctor.get("/fhir/Organization?_summary=count"));
        assertThat(count.resource(Bundle.class).getTotal()).isGreaterThanOrEqualTo(4);
        // reaching into patient data from an ungated type goes through the gate, and counts are refused
        assertThat(clinicDoctor.get("/fhir/Organization?_revinclude=Observation:performer&_summary=count").status())
                .isEqualTo(400);
    }

    @Test
    void aWriterCannotClaimAnotherSourceFacility() {
        Patient clinicPatient = (Patient) ok(clinicDoctor.get("/fhir/Patient?identifier="
                + JpCoreSystems.facilityPatientIdSystem(DemoFacility.CLINIC.code()) + "|"
                + DemoDataLoader.demoPatient(3).localId())).resource(Bundle.class).getEntryFirstRep().getResource();
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("体温");
        observation.setSubject(new Reference("Patient/" + clinicPatient.getIdElement().getIdPart()));
        observation.getMeta().addTag(HubSystems.SOURCE_FACILITY, hospitalId, null);

        FhirHttp.Response created = clinicDoctor.post("/fhir/Observation", observation);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.resource(Observation.class).getIdElement().getIdPart();
        Observation stored = ok(as(clinicId, Profession.DOCTOR).get("/fhir/Observation/" + id)).resource(Observation.class);
        assertThat(stored.getMeta().getTag()).filteredOn(t -> HubSystems.SOURCE_FACILITY.equals(t.getSystem()))
                .extracting(t -> t.getCode()).containsExactly(clinicId);
    }

    @Test
    void thePharmacysDispensingFollowsDispensingConsentsOnly() throws Exception {
        FhirHttp pharmacist = as(pharmacyId, Profession.PHARMACIST);
        String pharmacySystem = JpCoreSystems.facilityPatientIdSystem(DemoFacility.PHARMACY.code());
        Patient atPharmacy = new Patient();
        atPharmacy.addIdentifier().setSystem(pharmacySystem).setValue("P-GATE-1");
        atPharmacy.addName().setFamily("薬局").addGiven("患者");
        String pharmacyPatientId = ok(pharmacist.post("/fhir/Patient", atPharmacy)).resource(Patient.class)
                .getIdElement().getIdPart();
        ok(pharmacist.postJson("/api/patients/links", """
                {"localPatientId":"P-GATE-1","eventNumber":"%s","verification":"CARD","reason":"card at the counter"}"""
                .formatted(eventNumber)));
        org.hl7.fhir.r4.model.MedicationDispense dispense = new org.hl7.fhir.r4.model.MedicationDispense();
        dispense.setStatus(org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus.COMPLETED);
        dispense.setSubject(new Reference("Patient/" + pharmacyPatientId));
        dispense.setMedication(new org.hl7.fhir.r4.model.CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                "urn:oid:1.2.392.100495.20.2.74", "3399007H1021", "バイアスピリン錠１００ｍｇ")));
        String dispenseId = ok(pharmacist.post("/fhir/MedicationDispense", dispense))
                .resource(org.hl7.fhir.r4.model.MedicationDispense.class).getIdElement().getIdPart();

        Instant now = Instant.now();
        String all = "{\"scope\":\"ALL\"}";
        String hospitalOnly = "{\"scope\":\"LISTED\",\"facilityIds\":[\"" + hospitalId + "\"]}";
        List<State> closed = List.of(
                new State("dispensing / no consent", null, null, null, null, null, false),
                new State("dispensing / clinical only", "CLINICAL", all, all, now.minus(1, ChronoUnit.DAYS), null, false),
                new State("dispensing / other grantee", "DISPENSING", hospitalOnly, all, now.minus(1, ChronoUnit.DAYS),
                        null, false),
                new State("dispensing / other source", "DISPENSING", all, hospitalOnly, now.minus(1, ChronoUnit.DAYS),
                        null, false),
                new State("dispensing / withdrawn", "DISPENSING", all, all, now.minus(1, ChronoUnit.DAYS), null, true),
                new State("dispensing / expired", "DISPENSING", all, all, now.minus(30, ChronoUnit.DAYS),
                        now.minus(1, ChronoUnit.DAYS), false));
        List<String> dispensingPaths = List.of(
                "/fhir/MedicationDispense?patient=" + eventNumber,
                "/fhir/MedicationDispense?patient=" + pharmacyPatientId,
                "/fhir/MedicationDispense/" + dispenseId,
                "/fhir/MedicationDispense/" + dispenseId + "/_history",
                "/fhir/Patient/" + pharmacyPatientId + "/$everything",
                "/fhir/Patient?_id=" + pharmacyPatientId + "&_revinclude=MedicationDispense:subject");
        List<String> failures = new ArrayList<>();
        for (State state : closed) {
            String consent = record(state);
            try {
                for (String path : dispensingPaths) {
                    FhirHttp.Response response = clinicDoctor.get(path);
                    String body = path.endsWith(dispenseId) || path.endsWith("/_history")
                            ? response.body().replace("MedicationDispense/" + dispenseId + " ", "")
                                    .replace("/fhir/MedicationDispense/" + dispenseId + "/_history\"", "")
                            : response.body();
                    if (response.status() >= 500 || Pattern.compile("MedicationDispense/" + dispenseId + "(?![0-9])")
                            .matcher(body).find() || body.contains("P-GATE-1")) {
                        failures.add(state.name() + " " + path + ": " + response.status() + " " + body);
                    }
                }
            } finally {
                if (consent != null && !state.withdrawn()) {
                    withdraw(consent);
                }
            }
        }
        assertThat(failures).isEmpty();

        String open = record(new State("dispensing / active", "DISPENSING", all, all, now.minus(1, ChronoUnit.DAYS),
                null, false));
        try {
            FhirHttp.Response byNumber = ok(clinicDoctor.get("/fhir/MedicationDispense?patient=" + eventNumber));
            assertThat(ids(byNumber, "MedicationDispense")).containsExactly(dispenseId);
            assertThat(byNumber.body()).as("the pharmacy's local patient ID").doesNotContain("P-GATE-1");
            assertThat(ids(ok(clinicDoctor.get("/fhir/Observation?patient=" + eventNumber + "&_count=100")),
                    "Observation")).as("a dispensing consent opens no clinical data")
                    .doesNotContainAnyElementsOf(hospitalObservations);
        } finally {
            withdraw(open);
        }
    }

    @Test
    void theHistoryOfADeletedResourceDoesNotNameItToOthers() throws Exception {
        FhirHttp hospitalDoctor = as(hospitalId, Profession.DOCTOR);
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("体重");
        observation.setSubject(new Reference("Patient/" + hospitalPatientId));
        String id = ok(hospitalDoctor.post("/fhir/Observation", observation)).resource(Observation.class)
                .getIdElement().getIdPart();
        assertThat(hospitalDoctor.delete("/fhir/Observation/" + id).status()).isIn(200, 204);

        FhirHttp.Response own = ok(hospitalDoctor.get("/fhir/Observation/" + id + "/_history"));
        assertThat(own.resource(Bundle.class).getEntry()).as("the hospital sees its own deletion: " + own.body())
                .anyMatch(e -> e.hasRequest() && e.getRequest().getMethod() == Bundle.HTTPVerb.DELETE);

        for (String path : List.of("/fhir/Observation/" + id + "/_history", "/fhir/Observation/_history?_count=500",
                "/fhir/_history?_count=500")) {
            FhirHttp.Response other = clinicDoctor.get(path);
            assertThat(other.status()).as(path + " " + other.body()).isLessThan(500);
            String body = other.body().replace("/fhir/Observation/" + id + "/_history\"", "");
            if (path.startsWith("/fhir/Observation/" + id)) {
                // Asked by ID: the answer repeats the ID asked for, exactly as for an ID that never existed.
                FhirHttp.Response absent = clinicDoctor.get(path.replace(id, "9" + id));
                assertThat(other.status()).isEqualTo(absent.status());
                assertThat(other.body()).isEqualTo(absent.body().replace("9" + id, id));
                continue;
            }
            assertThat(body).as(path).doesNotContainPattern("Observation/" + id + "(?![0-9])");
        }
    }

    @Test
    void aBatchAnswerNeverShowsTheHospitalsLocalPatientId() throws Exception {
        Instant now = Instant.now();
        String consent = record(new State("active", "CLINICAL", "{\"scope\":\"ALL\"}", "{\"scope\":\"ALL\"}",
                now.minus(1, ChronoUnit.DAYS), null, false));
        try {
            String batch = """
                    {"resourceType":"Bundle","type":"batch","entry":[
                      {"request":{"method":"GET","url":"Patient/%s"}},
                      {"request":{"method":"GET","url":"Observation?patient=%s&_include=Observation:subject"}}
                    ]}""".formatted(hospitalPatientId, eventNumber);
            FhirHttp.Response response = ok(clinicDoctor.post("/fhir", batch));
            assertThat(response.body()).contains("Patient/" + hospitalPatientId, eventNumber)
                    .doesNotContain(DemoDataLoader.demoPatient(0).localId());
        } finally {
            withdraw(consent);
        }
    }

    // ---- the leak check ----

    private void check(String what, FhirHttp.Response response, List<String> failures) {
        int before = failures.size();
        checkBody(what, response, failures);
        if (failures.size() > before) {
            try {
                java.nio.file.Path dump = java.nio.file.Path.of("target/consent-gate-leaks");
                java.nio.file.Files.createDirectories(dump);
                java.nio.file.Files.writeString(dump.resolve(what.replaceAll("[^A-Za-z0-9]+", "_") + ".json"),
                        response.status() + "\n" + response.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private void checkBody(String what, FhirHttp.Response response, List<String> failures) {
        String body = response.body();
        if (what.endsWith("/ read") || what.endsWith("/ instance history")) {
            // A 404 names the ID the requester asked for, a history its own URL; nothing else may appear.
            body = body.replace("Observation/" + hospitalObservations.get(0) + " ", "")
                    .replace("/fhir/Observation/" + hospitalObservations.get(0) + "/_history\"", "");
        }
        if (response.status() >= 500) {
            failures.add(what + ": status " + response.status() + " " + body);
            return;
        }
        for (String hidden : hospitalObservations) {
            if (Pattern.compile("Observation/" + hidden + "(?![0-9])").matcher(body).find()) {
                failures.add(what + ": shows Observation/" + hidden);
            }
        }
        for (String hidden : hospitalPrescriptions) {
            if (Pattern.compile("MedicationRequest/" + hidden + "(?![0-9])").matcher(body).find()) {
                failures.add(what + ": shows MedicationRequest/" + hidden);
            }
        }
        if (body.contains(DemoDataLoader.demoPatient(0).localId())) {
            failures.add(what + ": shows the hospital's local patient ID");
        }
        if (response.status() == 200 && BUNDLE.matcher(body).lookingAt()) {
            Bundle bundle = response.resource(Bundle.class);
            collectLeaks(what, bundle, failures);
        }
        if (what.endsWith("/ read") && response.status() != 404) {
            failures.add(what + ": a hidden resource must read as 404, got " + response.status());
        }
        if ((what.endsWith("_summary=count") || what.endsWith("_total=accurate")) && response.status() != 400) {
            failures.add(what + ": counts must be refused with 400, got " + response.status() + " " + body);
        }
    }

    private void collectLeaks(String what, Bundle bundle, List<String> failures) {
        if (bundle.hasTotal() && bundle.getTotal() > bundle.getEntry().size()) {
            failures.add(what + ": total " + bundle.getTotal() + " > " + bundle.getEntry().size() + " entries shown");
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Bundle inner) {
                collectLeaks(what, inner, failures);
            }
            if (entry.getResource() != null) {
                String type = entry.getResource().fhirType();
                String id = entry.getResource().getIdElement().getIdPart();
                if ("Observation".equals(type) && hospitalObservations.contains(id)
                        || "MedicationRequest".equals(type) && hospitalPrescriptions.contains(id)
                        || "Patient".equals(type) && hospitalPatientId.equals(id) && !patientMayShow) {
                    failures.add(what + ": entry " + type + "/" + id);
                }
            }
        }
    }

    // ---- helpers ----

    private String batch() {
        return """
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"request":{"method":"GET","url":"Observation?patient=%s&_count=100"}},
                  {"request":{"method":"GET","url":"Patient?_id=%s&_revinclude=Observation:subject"}}
                ]}""".formatted(hospitalPatientId, hospitalPatientId);
    }

    /** Records the state's consent as a doctor of the clinic; its ID, or null for "no consent". */
    private String record(State state) throws Exception {
        if (state.category() == null) {
            return null;
        }
        String body = """
                {"eventNumber":"%s","category":"%s","grantees":%s,"sources":%s,"validFrom":"%s",%s
                 "obtainedVia":"WRITTEN_FORM"}""".formatted(eventNumber, state.category(), state.grantees(),
                state.sources(), state.from(), state.until() == null ? "" : "\"validUntil\":\"" + state.until() + "\",");
        FhirHttp.Response recorded = clinicDoctor.postJson("/api/consents", body);
        assertThat(recorded.status()).as(state.name() + ": " + recorded.body()).isEqualTo(201);
        String id = json(recorded).path("id").asText();
        if (state.withdrawn()) {
            withdraw(id);
        }
        return id;
    }

    private void withdraw(String consentId) {
        FhirHttp.Response withdrawn = clinicDoctor.postJson("/api/consents/" + consentId + "/withdraw",
                "{\"reason\":\"patient asked to stop sharing\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isIn(200, 409);
    }

    private static String nextLink(FhirHttp.Response response) {
        if (response.status() != 200) {
            return null;
        }
        Bundle.BundleLinkComponent next = response.resource(Bundle.class).getLink(Bundle.LINK_NEXT);
        if (next == null || !next.hasUrl()) {
            return null;
        }
        String url = next.getUrl();
        return url.substring(url.indexOf("/fhir"));
    }

    private FhirHttp as(String facilityId, Profession profession) {
        return FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, facilityId, profession, false));
    }

    private static FhirHttp.Response ok(FhirHttp.Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }

    private static List<String> ids(FhirHttp.Response response, String type) {
        return response.resource(Bundle.class).getEntry().stream()
                .filter(e -> e.getResource() != null && type.equals(e.getResource().fhirType()))
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static JsonNode json(FhirHttp.Response response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

}
