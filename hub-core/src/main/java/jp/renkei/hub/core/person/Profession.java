package jp.renkei.hub.core.person;

import jp.renkei.hub.core.security.HubRole;

/** A person's profession; it gives the role they act with in every facility they belong to. */
public enum Profession {
    DOCTOR(HubRole.DOCTOR),
    RADIOLOGIST(HubRole.RADIOLOGIST),
    DENTIST(HubRole.DENTIST),
    PHARMACIST(HubRole.PHARMACIST),
    NURSE(HubRole.NURSE),
    VISITING_NURSE(HubRole.VISITING_NURSE),
    CARE_MANAGER(HubRole.CARE_MANAGER),
    CARE_WORKER(HubRole.CARE_WORKER),
    THERAPIST(HubRole.THERAPIST),
    SOCIAL_WORKER(HubRole.SOCIAL_WORKER),
    CLERK(HubRole.CLERK),
    FACILITY_ADMIN(HubRole.FACILITY_ADMIN),
    HUB_ADMIN(HubRole.HUB_ADMIN),
    FAMILY_MEMBER(HubRole.FAMILY_MEMBER);

    private final HubRole role;

    Profession(HubRole role) {
        this.role = role;
    }

    public HubRole role() {
        return role;
    }

    /**
     * Two-factor authentication is required for everyone who sees clinical data and for administrators,
     * whose accounts can grant that access (MHLW guideline 6.0), and for family members, who read a patient's
     * care-net room from home over the Internet.
     */
    public boolean requiresTwoFactor() {
        return HubRole.CLINICAL.contains(role) || role == HubRole.FACILITY_ADMIN || role == HubRole.HUB_ADMIN
                || role == HubRole.FAMILY_MEMBER;
    }
}
