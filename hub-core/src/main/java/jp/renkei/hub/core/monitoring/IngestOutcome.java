package jp.renkei.hub.core.monitoring;

import java.util.Locale;

/** What became of one input, as the {@code outcome} tag of {@link HubMeters#INGEST}. */
public enum IngestOutcome {
    /** Stored (also unchanged or outdated versions, and valid inputs of a kind not mapped): acknowledged. */
    ACCEPTED,
    /** Could not be parsed or mapped: kept in the quarantine for re-processing. */
    QUARANTINED,
    /** Refused as a whole (unknown or inactive facility, wrong kind of input, a DICOM refusal status). */
    REFUSED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
