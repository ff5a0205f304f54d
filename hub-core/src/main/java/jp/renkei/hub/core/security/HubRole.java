package jp.renkei.hub.core.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a principal may be acting as. People get the role of their profession in the acting facility, plus
 * FACILITY_ADMIN or HUB_ADMIN where granted; facility systems get the role of their device kind.
 */
public enum HubRole {
    DOCTOR, DENTIST, PHARMACIST, NURSE, VISITING_NURSE, THERAPIST,
    /** A doctor who reads images (放射線科医), e.g. second reads (二次読影) for other facilities. */
    RADIOLOGIST,
    CARE_MANAGER, CARE_WORKER, SOCIAL_WORKER, CLERK, FAMILY_MEMBER,
    FACILITY_ADMIN, HUB_ADMIN,
    GATEWAY, PHARMACY_SYSTEM, PACS_FORWARDER,
    /** The hub operator's monitoring system: scrapes metrics, sees no facility or patient data. */
    MONITORING;

    /** Roles that see clinical data; people holding them must use two-factor authentication. */
    public static final Set<HubRole> CLINICAL =
            EnumSet.of(DOCTOR, DENTIST, PHARMACIST, NURSE, VISITING_NURSE, THERAPIST, RADIOLOGIST);

    /** Roles of facility systems authenticated by client certificate. */
    public static final Set<HubRole> SYSTEMS = EnumSet.of(GATEWAY, PHARMACY_SYSTEM, PACS_FORWARDER);

    /**
     * Every role that acts for a facility in the network: all but {@link #MONITORING}, which only reads the hub's
     * metrics.
     */
    public static final Set<HubRole> NETWORK = EnumSet.complementOf(EnumSet.of(MONITORING));

    /** The Spring Security authority carrying this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
