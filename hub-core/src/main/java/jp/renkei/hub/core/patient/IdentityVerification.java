package jp.renkei.hub.core.patient;

/** How the person linking a second facility's patient to an existing number checked who the patient is. */
public enum IdentityVerification {
    /** The patient presented their health-passport IC card. */
    CARD,
    /** The patient (or their representative) confirmed it in person. */
    IN_PERSON,
    /** A document carrying the number, such as a referral letter or a printout from the issuing facility. */
    DOCUMENT
}
