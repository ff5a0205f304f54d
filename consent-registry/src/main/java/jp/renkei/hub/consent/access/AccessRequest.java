package jp.renkei.hub.consent.access;

import java.util.Set;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;

/**
 * A question for the {@link AccessDecider}: may this requester see this patient's data of this category that
 * came from this source facility?
 *
 * @param requester        who asks (person or system, acting for a facility) and for what purpose; the purpose
 *                         is recorded with the decision
 * @param sourceFacilityId the facility the data came from
 */
public record AccessRequest(Requester requester, EventNumber patient, ConsentCategory category,
                            String sourceFacilityId) {

    public AccessRequest {
        if (requester == null || patient == null || category == null || sourceFacilityId == null) {
            throw new IllegalArgumentException("requester, patient, category and source facility are required");
        }
    }

    public String requesterFacilityId() {
        return requester.facilityId();
    }

    public Set<HubRole> requesterRoles() {
        return requester.roles();
    }

    public PurposeOfUse purpose() {
        return requester.purpose();
    }
}
