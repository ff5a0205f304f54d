package jp.renkei.hub.dicom.deid;

/**
 * What happens to dates and times (PS3.15 E.3.6): the Basic Profile removes or empties them; the two Retain
 * Longitudinal Temporal Information options keep them as they are or shift them.
 */
public enum DateHandling {
    /** The Basic Profile's actions alone: dates and times removed or emptied. */
    REMOVE(null, "REMOVED"),
    /** Retain Longitudinal Temporal Information with Full Dates Option (DCM 113106). */
    KEEP(new DeidCode("113106", "Retain Longitudinal Temporal Information Full Dates Option"), "UNMODIFIED"),
    /**
     * Retain Longitudinal Temporal Information with Modified Dates Option (DCM 113107): every date is moved by
     * the same whole number of days per request, so intervals between dates stay true; times are kept.
     */
    SHIFT(new DeidCode("113107", "Retain Longitudinal Temporal Information Modified Dates Option"), "MODIFIED");

    private final DeidCode code;
    private final String longitudinalTemporalInformationModified;

    DateHandling(DeidCode code, String longitudinalTemporalInformationModified) {
        this.code = code;
        this.longitudinalTemporalInformationModified = longitudinalTemporalInformationModified;
    }

    /** The option's code for DeidentificationMethodCodeSequence; null for the Basic Profile alone. */
    DeidCode code() {
        return code;
    }

    /** The value of (0028,0303) Longitudinal Temporal Information Modified. */
    String longitudinalTemporalInformationModified() {
        return longitudinalTemporalInformationModified;
    }
}
