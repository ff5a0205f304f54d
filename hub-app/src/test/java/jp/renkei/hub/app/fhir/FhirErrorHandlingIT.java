package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input gets a 4xx with an OperationOutcome that names the problem, and nothing is half-written. */
@HubIntegrationTest
class FhirErrorHandlingIT {

    @LocalServerPort
    int port;

    FhirHttp fhir;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void client() {
        String doctor = TestPeople.loggedIn(context, TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL),
                Profession.DOCTOR, false);
        fhir = FhirHttp.forHub(port, HubIntegrationTest.HOME).withToken(doctor);
    }

    @Test
    void malformedJsonIsRejectedWithTheParseError() {
        FhirHttp.Response response = fhir.post("/fhir/Patient", "{\"resourceType\":\"Patient\", \"name\": [");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.diagnostics()).contains("Failed to parse request body as JSON resource");
    }

    @Test
    void unknownResourceTypeIsRejectedByName() {
        FhirHttp.Response response = fhir.post("/fhir/Prescription", "{\"resourceType\":\"Prescription\"}");

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.diagnostics()).contains("Unknown resource type 'Prescription'");
    }

    @Test
    void referenceToAMissingResourceIsRejectedWithThePath() {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("HbA1c");
        observation.setSubject(new Reference("Patient/does-not-exist"));

        FhirHttp.Response response = fhir.post("/fhir/Observation", observation);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.diagnostics()).contains("Patient/does-not-exist").contains("Observation.subject");
    }

    @Test
    void aTransactionWithOneBadEntryWritesNothing() {
        String marker = "half-written-" + System.nanoTime();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:test:marker").setValue(marker);
        Observation dangling = new Observation();
        dangling.setStatus(Observation.ObservationStatus.FINAL);
        dangling.getCode().setText("eGFR");
        dangling.setSubject(new Reference("Patient/does-not-exist"));
        Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:0b0c0d0e-0000-4000-8000-000000000001").setResource(patient)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setResource(dangling).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");

        FhirHttp.Response response = fhir.post("/fhir", transaction);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.diagnostics()).contains("Patient/does-not-exist");
        Bundle search = fhir.get("/fhir/Patient?identifier=urn:test:marker|" + marker).resource(Bundle.class);
        assertThat(search.getEntry()).as("the Patient of the failed transaction").isEmpty();
    }
}
