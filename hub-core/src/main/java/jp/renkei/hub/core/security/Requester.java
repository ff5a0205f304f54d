package jp.renkei.hub.core.security;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who asks for patient data and why: the authenticated principal (a person or a facility system, the facility
 * it acts for, its roles there) and the purpose of use. Access decisions take a requester, so the purpose is
 * recorded with each of them. HTTP requests get theirs from {@link Requesters}; paths without HTTP (DICOM
 * associations) build one with {@link #system}.
 */
public record Requester(HubPrincipal principal, PurposeOfUse purpose) {

    public Requester {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(purpose, "purpose");
    }

    /** A facility system acting for its facility, for treatment: e.g. a PACS over a DICOM association. */
    public static Requester system(String id, String display, String facilityId, Set<HubRole> roles) {
        return new Requester(new HubPrincipal(HubPrincipal.Kind.SYSTEM, id, display, facilityId, roles),
                PurposeOfUse.TREAT);
    }

    public HubPrincipal.Kind kind() {
        return principal.kind();
    }

    /** The person's or device's hub ID. */
    public String id() {
        return principal.id();
    }

    /** The facility the request is made for. */
    public String facilityId() {
        return principal.actingFacilityId();
    }

    public Set<HubRole> roles() {
        return principal.roles();
    }

    /** The roles as the audit trail records them. */
    public Set<String> roleNames() {
        return roles().stream().map(HubRole::name).collect(Collectors.toSet());
    }

    public boolean has(HubRole role) {
        return principal.has(role);
    }
}
