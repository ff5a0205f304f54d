package jp.renkei.hub.core.patient;

import java.time.Instant;

/**
 * A facility's current link from its local patient ID to a (surviving) number.
 *
 * @param verifiedBy empty for the enrolment that issued the number at this facility
 */
public record PatientLink(String facilityId, String localPatientId, EventNumber eventNumber, int version,
                          Instant linkedAt, String linkedBy, IdentityVerification verifiedBy) {

    public FacilityPatientId patient() {
        return new FacilityPatientId(facilityId, localPatientId);
    }
}
