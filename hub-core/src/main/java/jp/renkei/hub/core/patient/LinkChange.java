package jp.renkei.hub.core.patient;

import java.time.Instant;
import java.util.UUID;

/**
 * One version of one link, for the history in {@code hub.patient_link_event}.
 *
 * @param previousNumber for a merge, the number the link was moved from
 */
record LinkChange(UUID linkId, int version, Kind kind, UUID facilityId, String localPatientId,
                  EventNumber number, EventNumber previousNumber, IdentityVerification verifiedBy, String reason,
                  String actorId, String actorFacility, Instant at) {

    enum Kind { ENROLLED, LINKED, UNLINKED, MERGED }
}
