package jp.renkei.hub.core.patient;

import java.util.List;
import java.util.Optional;

/**
 * Questions the rest of the hub asks about the cross-reference. Merges are followed: a retired number
 * resolves to its survivor. Answers about other facilities' local IDs are for the hub's own use (e.g. to
 * maintain FHIR identifiers) and must never be passed to a facility other than the one owning the ID.
 */
public interface PatientCrossReference {

    /** The (surviving) event number the facility's local patient ID is linked to. */
    Optional<EventNumber> eventNumberOf(FacilityPatientId patient);

    /** The surviving number for {@code number}; empty when the hub never issued it. */
    Optional<EventNumber> resolve(EventNumber number);

    /** The local IDs that {@code facilityId} itself has linked to the (surviving) number. */
    List<String> localIdsOf(EventNumber number, String facilityId);

    /** Every current link of the (surviving) number, across facilities: hub-internal use only. */
    List<FacilityPatientId> links(EventNumber number);

    /** Numbers merged into {@code survivor}, which still resolve to it. */
    List<EventNumber> retiredInto(EventNumber survivor);
}
