package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The event management number end to end, on the real FHIR store: enrolment at the hospital, an explicit
 * link by the clinic, the Patients' identifiers, $ihe-pix, merging, and what each facility may see.
 */
@HubIntegrationTest
class PatientCrossReferenceIT {

    private static final String HOSPITAL_SYSTEM = JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code());
    private static final String CLINIC_SYSTEM = JpCoreSystems.facilityPatientIdSystem(DemoFacility.CLINIC.code());

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aNumberLinkedByTwoFacilitiesFindsBothPatientsWithoutLeakingEitherLocalId() throws Exception {
        String hospitalPatient = DemoDataLoader.demoPatient(4).localId(); // H000005
        String clinicPatient = DemoDataLoader.demoPatient(7).localId();   // C000008
        FhirHttp hospital = as(DemoFacility.HOSPITAL, Profession.CLERK);
        FhirHttp clinic = as(DemoFacility.CLINIC, Profession.CLERK);

        String number = json(hospital.postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"" + hospitalPatient + "\"}")).path("eventNumber").asText();
        FhirHttp.Response linked = clinic.postJson("/api/patients/links", """
                {"localPatientId":"%s","eventNumber":"%s","verification":"CARD","reason":"health passport presented"}"""
                .formatted(clinicPatient, number));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(linked.body()).doesNotContain(hospitalPatient);
        // the clinic's Patient is the clinic's data: the hospital sees it only under the patient's consent
        FhirHttp.Response consent = hospital.postJson("/api/consents", """
                {"eventNumber":"%s","category":"CLINICAL","grantees":{"scope":"ALL"},"sources":{"scope":"ALL"},
                 "validFrom":"%s","obtainedVia":"WRITTEN_FORM"}""".formatted(number, java.time.Instant.now().minusSeconds(60)));
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);

        // a doctor at the hospital finds both patients by the number, and sees only the hospital's own local ID
        FhirHttp doctor = as(DemoFacility.HOSPITAL, Profession.DOCTOR);
        FhirHttp.Response byNumber = doctor.get("/fhir/Patient?identifier=" + HubSystems.EVENT_NUMBER + "|" + number);
        assertThat(byNumber.resource(Bundle.class).getEntry()).hasSize(2);
        assertThat(byNumber.body()).contains(hospitalPatient).doesNotContain(clinicPatient).doesNotContain(CLINIC_SYSTEM);

        // $ihe-pix answers the number and the asker's own local ID, never the other facility's
        FhirHttp.Response pix = doctor.get("/fhir/Patient/$ihe-pix?sourceIdentifier=" + HOSPITAL_SYSTEM + "|" + hospitalPatient);
        assertThat(pix.status()).as(pix.body()).isEqualTo(200);
        List<String> targets = pix.resource(Parameters.class).getParameter().stream()
                .filter(p -> p.getName().equals("targetIdentifier"))
                .map(p -> ((Identifier) p.getValue()).getValue()).toList();
        assertThat(targets).contains(number, hospitalPatient);
        assertThat(pix.body()).doesNotContain(clinicPatient).doesNotContain(CLINIC_SYSTEM);

        // asking by another facility's local identifier is refused: cross-facility means by event number
        FhirHttp.Response foreign = doctor.get("/fhir/Patient?identifier=" + CLINIC_SYSTEM + "|" + clinicPatient);
        assertThat(foreign.status()).isEqualTo(403);
    }

    @Test
    void aMergedNumberFindsTheSamePatientsAsItsSurvivor() throws Exception {
        FhirHttp hospital = as(DemoFacility.HOSPITAL, Profession.CLERK);
        String survivor = json(hospital.postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"" + DemoDataLoader.demoPatient(5).localId() + "\"}")).path("eventNumber").asText();
        String retired = json(hospital.postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"" + DemoDataLoader.demoPatient(6).localId() + "\"}")).path("eventNumber").asText();
        String operator = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        FhirHttp hubAdmin = FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, operator, Profession.HUB_ADMIN, true));

        FhirHttp.Response merged = hubAdmin.postJson("/api/admin/event-numbers/merge", """
                {"survivor":"%s","retired":"%s","reason":"same patient enrolled twice"}""".formatted(survivor, retired));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        FhirHttp doctor = as(DemoFacility.HOSPITAL, Profession.DOCTOR);
        List<String> bySurvivor = ids(doctor.get("/fhir/Patient?identifier=" + HubSystems.EVENT_NUMBER + "|" + survivor));
        List<String> byRetired = ids(doctor.get("/fhir/Patient?identifier=" + HubSystems.EVENT_NUMBER + "|" + retired));
        assertThat(bySurvivor).hasSize(2).containsExactlyInAnyOrderElementsOf(byRetired);
    }

    @Test
    void aWriterCannotForgeOrWipeEventNumbers() throws Exception {
        String local = DemoDataLoader.demoPatient(1).localId(); // H000002
        FhirHttp clerk = as(DemoFacility.HOSPITAL, Profession.CLERK);
        String real = json(clerk.postJson("/api/patients/enrolments", "{\"localPatientId\":\"" + local + "\"}"))
                .path("eventNumber").asText();
        String other = json(clerk.postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"" + DemoDataLoader.demoPatient(2).localId() + "\"}")).path("eventNumber").asText();
        FhirHttp doctor = as(DemoFacility.HOSPITAL, Profession.DOCTOR);
        Patient patient = (Patient) doctor.get("/fhir/Patient?identifier=" + HOSPITAL_SYSTEM + "|" + local)
                .resource(Bundle.class).getEntryFirstRep().getResource();

        // re-sent with another patient's number instead of its own
        patient.getIdentifier().removeIf(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()));
        patient.addIdentifier().setSystem(HubSystems.EVENT_NUMBER).setValue(other);
        FhirHttp.Response updated = doctor.put("/fhir/Patient/" + patient.getIdElement().getIdPart(), patient);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);

        Patient stored = updated.resource(Patient.class);
        assertThat(stored.getIdentifier()).filteredOn(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()))
                .extracting(Identifier::getValue).containsExactly(real);
    }

    @Test
    void demographicSearchStaysInsideTheAskingFacility() {
        Patient hospitalPatient = (Patient) as(DemoFacility.HOSPITAL, Profession.DOCTOR)
                .get("/fhir/Patient?identifier=" + HOSPITAL_SYSTEM + "|" + DemoDataLoader.demoPatient(0).localId())
                .resource(Bundle.class).getEntryFirstRep().getResource();
        String family = hospitalPatient.getNameFirstRep().getFamily();

        FhirHttp.Response fromClinic = as(DemoFacility.CLINIC, Profession.DOCTOR).get("/fhir/Patient?family="
                + java.net.URLEncoder.encode(family, java.nio.charset.StandardCharsets.UTF_8) + "&_count=100");

        assertThat(fromClinic.status()).isEqualTo(200);
        assertThat(fromClinic.body()).doesNotContain(HOSPITAL_SYSTEM);
        assertThat(ids(fromClinic)).doesNotContain(hospitalPatient.getIdElement().getIdPart());
    }

    private FhirHttp as(DemoFacility facility, Profession profession) {
        return FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, TestPeople.demoFacilityId(context, facility), profession, false));
    }

    private static List<String> ids(FhirHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.resource(Bundle.class).getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(FhirHttp.Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return new ObjectMapper().readTree(response.body());
    }
}
