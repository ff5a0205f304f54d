package jp.renkei.hub.core.monitoring;

/** How inputs arrive, as the {@code channel} tag of {@link HubMeters#INGEST}. */
public enum IngestChannel {
    /** SS-MIX2 standardized-storage files, polled or imported in bulk. */
    SS_MIX2("ss-mix2"),
    /** HL7 v2.5 messages pushed over MLLP. */
    MLLP("mllp"),
    /** JAHIS e-medication-notebook and prescription files. */
    JAHIS("jahis"),
    /** DICOM instances by C-STORE or STOW-RS. */
    DICOM("dicom");

    private final String tag;

    IngestChannel(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
