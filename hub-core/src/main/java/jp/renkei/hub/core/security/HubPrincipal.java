package jp.renkei.hub.core.security;

import java.util.Set;

/**
 * Who is making a request: a person or a facility system, the facility it acts for, and its roles there.
 * Every authenticated request carries exactly one.
 *
 * @param kind             person or system
 * @param id               the person's or device's hub ID
 * @param display          a name for people to read in audit views
 * @param actingFacilityId the facility on whose behalf the request is made
 * @param roles            roles held in that facility
 */
public record HubPrincipal(Kind kind, String id, String display, String actingFacilityId, Set<HubRole> roles) {

    public enum Kind { PERSON, SYSTEM }

    public HubPrincipal {
        roles = Set.copyOf(roles);
    }

    public boolean has(HubRole role) {
        return roles.contains(role);
    }
}
