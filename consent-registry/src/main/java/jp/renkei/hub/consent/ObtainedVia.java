package jp.renkei.hub.consent;

/** How the patient's consent was obtained. */
public enum ObtainedVia {
    WRITTEN_FORM, IC_CARD, ELECTRONIC
}
