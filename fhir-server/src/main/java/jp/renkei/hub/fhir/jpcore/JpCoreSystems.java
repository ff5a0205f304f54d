package jp.renkei.hub.fhir.jpcore;

/**
 * Code and identifier systems of JP Core 1.1.x, in one place so that every mapping names them alike.
 * JP Core 1.1.2 uses OID URIs for MEDIS masters; later versions use http URLs (readers must accept both).
 */
public final class JpCoreSystems {

    public static final String PROFILE_BASE = "http://jpfhir.jp/fhir/core/StructureDefinition/";
    public static final String JP_PATIENT = PROFILE_BASE + "JP_Patient";
    public static final String JP_ORGANIZATION = PROFILE_BASE + "JP_Organization";
    public static final String JP_OBSERVATION_LAB_RESULT = PROFILE_BASE + "JP_Observation_LabResult";
    public static final String JP_MEDICATION_REQUEST = PROFILE_BASE + "JP_MedicationRequest";

    /** 10-digit medical institution code: prefecture (2) + fee-schedule type (1) + institution number (7). */
    public static final String MEDICAL_INSTITUTION_NO =
            "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";
    /** JP_Organization extensions carrying the three parts of the medical-institution code, and their systems. */
    public static final String EXTENSION_BASE = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/";
    public static final String ORGANIZATION_PREFECTURE_NO = EXTENSION_BASE + "JP_Organization_PrefectureNo";
    public static final String ORGANIZATION_FEE_SCHEDULE_TYPE =
            EXTENSION_BASE + "JP_Organization_InsuranceOrganizationCategory";
    public static final String ORGANIZATION_INSTITUTION_NO = EXTENSION_BASE + "JP_Organization_InsuranceOrganizationNo";
    public static final String PREFECTURE_NO = "urn:oid:1.2.392.100495.20.3.21";
    public static final String FEE_SCHEDULE_TYPE = "urn:oid:1.2.392.100495.20.3.22";
    public static final String INSTITUTION_NO = "urn:oid:1.2.392.100495.20.3.23";

    /** Prefix of a facility's local patient-ID system; the facility's 10-digit code follows the {@code 1}. */
    public static final String FACILITY_PATIENT_ID_PREFIX = "urn:oid:1.2.392.100495.20.3.51.1";

    public static final String JLAC10 = "urn:oid:1.2.392.200119.4.504";
    public static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    public static final String HOT9 = "urn:oid:1.2.392.200119.4.403.1";
    public static final String UCUM = "http://unitsofmeasure.org";
    /** MERIT-9 dose units (錠, カプセル, …). */
    public static final String MERIT9_UNIT = "urn:oid:1.2.392.100495.20.2.101";
    public static final String SIMPLE_OBSERVATION_CATEGORY =
            "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS";
    public static final String ROUTE = "http://jpfhir.jp/fhir/core/CodeSystem/route-codes";
    public static final String NAME_REPRESENTATION =
            "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

    private JpCoreSystems() {
    }

    public static String facilityPatientIdSystem(String medicalInstitutionCode) {
        return FACILITY_PATIENT_ID_PREFIX + medicalInstitutionCode;
    }
}
