package jp.renkei.hub.consent.access;

import java.util.Set;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;

/**
 * A question for the {@link AccessDecider}: may this requester see this patient's data of this category that
 * came from this source facility?
 *
 * @param requester        who asks (person or system), acting for a facility
 * @param sourceFacilityId the facility the data came from
 * @param purpose          purpose of use (e.g. TREAT), recorded in the audit; may be null
 */
public record AccessRequest(HubPrincipal requester, EventNumber patient, ConsentCategory category,
                            String sourceFacilityId, String purpose) {

    public AccessRequest {
        if (requester == null || patient == null || category == null || sourceFacilityId == null) {
            throw new IllegalArgumentException("requester, patient, category and source facility are required");
        }
    }

    public String requesterFacilityId() {
        return requester.actingFacilityId();
    }

    public Set<HubRole> requesterRoles() {
        return requester.roles();
    }
}
