package jp.renkei.hub.fhir.consent.rules;

import java.util.Optional;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.core.patient.EventNumber;
import org.hl7.fhir.r4.model.Resource;

/** What the rules may ask about the request being decided: kept by the gate for that one request. */
public interface GateContext {

    /** The requester's acting facility. */
    String requesterFacility();

    /** The patient the resource is about (the Patient itself, or its subject/patient), by event number. */
    Optional<EventNumber> patientOf(Resource resource);

    /** The registry's decision for the requester, decided once per request and recorded for the audit. */
    boolean permitted(EventNumber patient, ConsentCategory category, String sourceFacility);

    /** The whole gate's decision for another resource (for a deletion: the version before it). */
    boolean visible(Resource resource);
}
