package jp.renkei.hub.consent.access;

/** Why the decider decided as it did; each value permits or denies, never both. */
public enum DecisionBasis {
    OWN_DATA(true, "own data"),
    CONSENT(true, "consent"),
    BREAK_GLASS(true, "break-glass"),
    NO_CONSENT(false, "no consent recorded for this patient"),
    OTHER_CATEGORY_ONLY(false, "consent recorded only for other categories"),
    WITHDRAWN(false, "consent withdrawn"),
    EXPIRED(false, "consent expired"),
    NOT_YET_VALID(false, "consent not yet valid"),
    NOT_FOR_FACILITY(false, "consent does not cover the requesting facility"),
    NOT_FOR_SOURCE(false, "consent does not cover the source facility");

    private final boolean permits;
    private final String text;

    DecisionBasis(boolean permits, String text) {
        this.permits = permits;
        this.text = text;
    }

    public boolean permits() {
        return permits;
    }

    /** The reason as people read it in decisions and audit details. */
    public String text() {
        return text;
    }
}
