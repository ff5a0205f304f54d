package jp.renkei.hub.dicom.deid;

/** A code of the DICOM Controlled Terminology (scheme DCM, PS3.16) naming a profile or an option (CID 7050). */
record DeidCode(String value, String meaning) {

    static final DeidCode BASIC_PROFILE = new DeidCode("113100", "Basic Application Confidentiality Profile");
    static final DeidCode RETAIN_PATIENT_CHARACTERISTICS =
            new DeidCode("113108", "Retain Patient Characteristics Option");
}
