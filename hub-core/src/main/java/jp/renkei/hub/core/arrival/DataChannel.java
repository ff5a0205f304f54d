package jp.renkei.hub.core.arrival;

/** How data arrives from a facility. */
public enum DataChannel {
    /** SS-MIX2 files, HL7 v2.5 over MLLP, JAHIS records (gateway-connector). */
    INGEST,
    /** DICOM instances by C-STORE or STOW-RS (dicom-bridge). */
    DICOM
}
