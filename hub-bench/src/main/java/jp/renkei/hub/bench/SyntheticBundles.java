package jp.renkei.hub.bench;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.demo.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * The data the benchmark writes, generated and serialized before any timing starts so that the client's
 * own CPU work does not compete with the hub for the machine's two cores during measurement.
 */
public final class SyntheticBundles {

    /** Visits and prescriptions per patient: 1 Patient + 1 x 10 lab Observations + 2 MedicationRequests. */
    static final int VISITS = 1;
    static final int PRESCRIPTIONS = 2;

    /** One patient transaction, ready to post. */
    public record PreparedBundle(String localId, String json, int resources, int observations) {
    }

    private final SyntheticPatientGenerator generator;
    private final FhirContext fhir;

    public SyntheticBundles(SyntheticPatientGenerator generator, FhirContext fhir) {
        this.generator = generator;
        this.fhir = fhir;
    }

    /**
     * {@code count} hospital patients with local IDs {@code <prefix>000001...}; a distinct prefix per phase
     * keeps every patient of a run new to the hub, so each bundle really creates 13 resources.
     */
    public List<PreparedBundle> patients(String prefix, int count) {
        List<PreparedBundle> bundles = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String localId = String.format("%s%06d", prefix, i);
            Bundle bundle = generator.patientTransaction(DemoFacility.HOSPITAL, localId, VISITS, PRESCRIPTIONS);
            // A facility's client may not create conditionally (the hub refuses If-None-Exist: it would match
            // other facilities' data); every patient of a run is new, so the plain create is the same work less
            // the search.
            bundle.getEntry().forEach(entry -> entry.getRequest().setIfNoneExist(null));
            int observations = (int) bundle.getEntry().stream()
                    .filter(e -> e.getResource().getResourceType() == ResourceType.Observation).count();
            bundles.add(new PreparedBundle(localId, fhir.newJsonParser().encodeResourceToString(bundle),
                    bundle.getEntry().size(), observations));
        }
        return bundles;
    }
}
