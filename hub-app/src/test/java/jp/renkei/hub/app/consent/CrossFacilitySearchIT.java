package jp.renkei.hub.app.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.demo.DemoSharing;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Cross-facility searches address the patient by event number and name one patient; the demo network lets a
 * clinic's system do that for the consented demo network patients, with its own client certificate.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossFacilitySearchIT {

    private static final String HOSPITAL_SYSTEM = JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code());

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    FhirHttp hospitalGateway;
    FhirHttp clinicGateway;
    String clinicId;

    @BeforeAll
    void demoGateways() {
        hospitalGateway = DemoGateways.hospital(port);
        clinicGateway = DemoGateways.clinic(port);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
    }

    @Test
    void theClinicsSystemSeesAConsentedNetworkPatientsHospitalDataByEventNumber() {
        assertThat(DemoSharing.consents(0)).isTrue();
        String number = eventNumberOf(DemoDataLoader.networkPatient(0));
        List<String> own = observationIds(hospitalGateway.get("/fhir/Observation?patient=" + number + "&_sort=-date&_count=500"));
        assertThat(own).as("the hospital's own data about the patient").hasSizeGreaterThan(3);

        assertThat(observationIds(clinicGateway.get("/fhir/Observation?patient=" + number + "&_sort=-date&_count=500")))
                .containsExactlyElementsOf(own);
        assertThat(observationIds(clinicGateway.get("/fhir/Observation?patient=" + number.replace("-", "") + "&_count=500")))
                .as("the 16 digits without grouping").containsExactlyInAnyOrderElementsOf(own);
        assertThat(observationIds(clinicGateway.get("/fhir/Observation?subject=Patient/" + number + "&_count=500")))
                .containsExactlyInAnyOrderElementsOf(own);
    }

    @Test
    void aNetworkPatientWithoutConsentStaysHidden() {
        assertThat(DemoSharing.consents(3)).isFalse();
        String number = eventNumberOf(DemoDataLoader.networkPatient(3));
        assertThat(observationIds(hospitalGateway.get("/fhir/Observation?patient=" + number))).isNotEmpty();
        assertThat(observationIds(clinicGateway.get("/fhir/Observation?patient=" + number))).isEmpty();
    }

    @Test
    void aSearchAcrossPatientsIsRefusedUnlessItIsLimitedToTheFacilitysOwnData() {
        FhirHttp.Response across = clinicGateway.get("/fhir/Observation?code=http://loinc.org|4548-4");
        assertThat(across.status()).isEqualTo(403);
        assertThat(across.diagnostics()).contains("A search of Observation must name one patient",
                "patient=<event number>", "_tag=" + HubSystems.SOURCE_FACILITY + "|" + clinicId);
        assertThat(clinicGateway.get("/fhir/MedicationRequest").status()).isEqualTo(403);
        assertThat(clinicGateway.get("/fhir/Observation?patient=Patient/1,Patient/2").status())
                .as("two patients at once").isEqualTo(403);

        FhirHttp.Response own = clinicGateway.get("/fhir/Observation?_tag=" + HubSystems.SOURCE_FACILITY + "|"
                + clinicId + "&_count=5");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.resource(Bundle.class).getEntry()).allSatisfy(entry -> assertThat(entry.getResource()
                .getMeta().getTag(HubSystems.SOURCE_FACILITY, clinicId)).isNotNull());
        assertThat(clinicGateway.get("/fhir/Organization?_count=5").status()).as("not patient data").isEqualTo(200);
    }

    @Test
    void aMistypedEventNumberIsAPreciseErrorAndAnUnknownOneFindsNothing() {
        String number = eventNumberOf(DemoDataLoader.networkPatient(0));
        char last = number.charAt(number.length() - 1);
        String mistyped = number.substring(0, number.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
        FhirHttp.Response wrong = clinicGateway.get("/fhir/Observation?patient=" + mistyped);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.diagnostics()).contains("patient '" + mistyped + "' is not a valid event management number",
                "check digit");

        FhirHttp.Response unknown = clinicGateway.get("/fhir/Observation?patient="
                + EventNumber.random().formatted());
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(200);
        assertThat(unknown.resource(Bundle.class).getEntry()).isEmpty();
    }

    @Test
    void aPatientCannotBeGivenAnIdThatReadsAsAnEventNumber() {
        Patient patient = new Patient();
        patient.setId("1234-5678-9012-3452");
        patient.addIdentifier().setSystem(HOSPITAL_SYSTEM).setValue("X-EVENT-SHAPED");
        FhirHttp.Response put = hospitalGateway.put("/fhir/Patient/1234-5678-9012-3452", patient);
        // A facility cannot choose IDs at all (PUT creates nothing): the answer is the one for any unknown ID.
        assertThat(put.status()).as(put.body()).isEqualTo(404);
        assertThat(put.diagnostics()).contains("Resource Patient/1234-5678-9012-3452 is not known");
        FhirHttp.Response stored = hospitalGateway.get("/fhir/Patient?identifier=" + HOSPITAL_SYSTEM + "|X-EVENT-SHAPED");
        assertThat(stored.resource(Bundle.class).getEntry()).isEmpty();
    }

    private String eventNumberOf(DemoDataLoader.DemoPatient demo) {
        return DemoGateways.eventNumberOf(hospitalGateway, demo);
    }

    private static List<String> observationIds(FhirHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.resource(Bundle.class).getEntry().stream()
                .map(entry -> (Observation) entry.getResource())
                .map(o -> o.getIdElement().getIdPart())
                .toList();
    }
}
