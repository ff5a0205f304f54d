package jp.renkei.hub.dicom.deid;

/** Tags the de-identifier writes or checks, beyond those in {@code encoding.Tag}. */
final class DeidTags {

    static final int CODE_VALUE = 0x00080100;
    static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    static final int CODE_MEANING = 0x00080104;
    static final int PATIENT_IDENTITY_REMOVED = 0x00120062;
    static final int DEIDENTIFICATION_METHOD = 0x00120063;
    static final int DEIDENTIFICATION_METHOD_CODE_SEQUENCE = 0x00120064;
    static final int BURNED_IN_ANNOTATION = 0x00280301;
    static final int LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = 0x00280303;

    private DeidTags() {
    }
}
