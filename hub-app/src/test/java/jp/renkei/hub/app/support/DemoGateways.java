package jp.renkei.hub.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

/** The demo network's gateway systems (client certificates in the test home) and what they look up. */
public final class DemoGateways {

    private DemoGateways() {
    }

    /** The demo hospital's gateway, with its own client certificate. */
    public static FhirHttp hospital(int port) {
        return gateway(port, "hospital");
    }

    /** The demo clinic's gateway, with its own client certificate. */
    public static FhirHttp clinic(int port) {
        return gateway(port, "clinic");
    }

    /** The event number of a demo network patient, as the hospital's gateway finds it by the hospital's local ID. */
    public static String eventNumberOf(FhirHttp hospitalGateway, DemoDataLoader.DemoPatient demo) {
        FhirHttp.Response response = hospitalGateway.get("/fhir/Patient?identifier="
                + JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code()) + "|" + demo.localId());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Patient patient = (Patient) response.resource(Bundle.class).getEntryFirstRep().getResource();
        return patient.getIdentifier().stream().filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()))
                .findFirst().orElseThrow(() -> new AssertionError("demo network patient " + demo.localId()
                        + " has no event number")).getValue();
    }

    private static FhirHttp gateway(int port, String name) {
        return FhirHttp.forDevice(port, HubIntegrationTest.HOME,
                HubIntegrationTest.HOME.resolve("demo/" + name + "-gateway.key"),
                HubIntegrationTest.HOME.resolve("demo/" + name + "-gateway.crt"));
    }
}
