package jp.renkei.hub.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.ApplicationContext;

/** A test's own small network: an active facility, its Patient, a link to an event number, a consent. */
public final class TestNetwork {

    private TestNetwork() {
    }

    /** Registers and activates a facility with a random code under {@code codePrefix} (prefecture + fee schedule). */
    public static String activeFacility(ApplicationContext context, FacilityKind kind, String codePrefix, String name,
                                        String kana) {
        FacilityRegistry registry = context.getBean(FacilityRegistry.class);
        String code = codePrefix + ThreadLocalRandom.current().nextInt(1000000, 9999999);
        var facility = registry.apply(new FacilityApplication(kind, new MedicalInstitutionCode(code),
                new FacilityDetails(name, kana, new PostalAddress("963-0000", "福島県", "郡山市", "試験2-2"), "県中",
                        new FacilityContact("024-000-0000", null), List.of())), "integration-test");
        registry.changeStatus(facility.id(), FacilityStatus.APPROVED, "test network", "integration-test");
        registry.changeStatus(facility.id(), FacilityStatus.ACTIVE, "test network", "integration-test");
        return facility.id();
    }

    /** The facility's Patient with its local ID; answers the Patient's ID. */
    public static String patient(FhirHttp as, String facilityCode, String localId, Date birthDate) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(facilityCode)).setValue(localId);
        patient.addName().setFamily("連携").addGiven("花子");
        patient.setBirthDate(birthDate);
        return ok(as.post("/fhir/Patient", patient)).resource(Patient.class).getIdElement().getIdPart();
    }

    /** Links the clerk's facility's local patient to the event number (health passport shown). */
    public static void link(FhirHttp clerk, String localId, String eventNumber) {
        ok(clerk.postJson("/api/patients/links", """
                {"localPatientId":"%s","eventNumber":"%s","verification":"CARD","reason":"health passport presented"}"""
                .formatted(localId, eventNumber)));
    }

    /** Records the patient's consent (written form, valid since yesterday); answers its ID. */
    public static String consent(FhirHttp recorder, String eventNumber, String grantee, String category,
                                 List<String> sources) throws Exception {
        String body = """
                {"eventNumber":"%s","category":"%s","grantees":{"scope":"LISTED","facilityIds":["%s"]},
                 "sources":{"scope":"LISTED","facilityIds":[%s]},"validFrom":"%s","obtainedVia":"WRITTEN_FORM"}"""
                .formatted(eventNumber, category, grantee, String.join(",", sources.stream().map(s -> "\"" + s + "\"").toList()),
                        Instant.now().minus(1, ChronoUnit.DAYS));
        FhirHttp.Response recorded = recorder.postJson("/api/consents", body);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        return new ObjectMapper().readTree(recorded.body()).path("id").asText();
    }

    public static FhirHttp.Response ok(FhirHttp.Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }
}
