package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Consents recorded in the registry are readable as FHIR Consent by the facilities that know the patient. */
@HubIntegrationTest
class ConsentViewIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aRecordedConsentIsAFhirConsentForTheLinkedFacilityOnly() throws Exception {
        FhirHttp clinicClerk = as(DemoFacility.CLINIC, Profession.CLERK);
        String number = new ObjectMapper().readTree(clinicClerk.postJson("/api/patients/enrolments",
                "{\"localPatientId\":\"CONSENT-VIEW-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "\"}").body())
                .path("eventNumber").asText(); // its own patient: other tests set up consents for the demo patients
        FhirHttp.Response recorded = clinicClerk.postJson("/api/consents", """
                {"eventNumber":"%s","category":"CLINICAL","grantees":{"scope":"ALL"},"sources":{"scope":"ALL"},
                 "validFrom":"2026-01-01T00:00:00Z","obtainedVia":"WRITTEN_FORM"}""".formatted(number));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String consentId = new ObjectMapper().readTree(recorded.body()).path("id").asText();

        String search = "/fhir/Consent?patient.identifier=" + HubSystems.EVENT_NUMBER + "|" + number;
        FhirHttp.Response found = as(DemoFacility.CLINIC, Profession.DOCTOR).get(search);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        Consent consent = (Consent) found.resource(Bundle.class).getEntryFirstRep().getResource();
        assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(consent.getIdElement().getIdPart()).isEqualTo(consentId);

        // a facility that has not linked the patient learns nothing about their consents
        assertThat(as(DemoFacility.HOSPITAL, Profession.DOCTOR).get(search).status()).isEqualTo(403);

        FhirHttp.Response withdrawn = clinicClerk.postJson("/api/consents/" + consentId + "/withdraw",
                "{\"reason\":\"patient withdrew at the desk\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        Consent now = as(DemoFacility.CLINIC, Profession.DOCTOR).get("/fhir/Consent/" + consentId).resource(Consent.class);
        assertThat(now.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
        assertThat(as(DemoFacility.CLINIC, Profession.DOCTOR).get("/fhir/Consent/" + consentId + "/_history/1")
                .resource(Consent.class).getStatus()).as("the first version, superseded").isEqualTo(Consent.ConsentState.INACTIVE);

        // consents change only through the registry
        assertThat(as(DemoFacility.CLINIC, Profession.DOCTOR).post("/fhir/Consent", consent).status()).isBetween(400, 499);
    }

    private FhirHttp as(DemoFacility facility, Profession profession) {
        return FhirHttp.forHub(port, HubIntegrationTest.HOME)
                .withToken(TestPeople.loggedIn(context, TestPeople.demoFacilityId(context, facility), profession, false));
    }
}
