package jp.renkei.hub.fhir.jpcore;

import java.util.Set;

/**
 * Profiles, extensions, code and identifier systems of JP Core 1.1.x — and the HL7 terminology its profiles bind —
 * in one place, so that every mapping (SS-MIX2, JAHIS, DICOM, the demo data) names them alike and no mapper
 * re-declares them. JP Core 1.1.2 uses OID URIs for MEDIS masters; later versions use http URLs (readers must
 * accept both: the {@code *_SYSTEMS} sets).
 */
public final class JpCoreSystems {

    // ---- profiles ----
    public static final String PROFILE_BASE = "http://jpfhir.jp/fhir/core/StructureDefinition/";
    public static final String JP_PATIENT = PROFILE_BASE + "JP_Patient";
    public static final String JP_ORGANIZATION = PROFILE_BASE + "JP_Organization";
    public static final String JP_ENCOUNTER = PROFILE_BASE + "JP_Encounter";
    public static final String JP_CONDITION = PROFILE_BASE + "JP_Condition";
    public static final String JP_ALLERGY_INTOLERANCE = PROFILE_BASE + "JP_AllergyIntolerance";
    public static final String JP_OBSERVATION_COMMON = PROFILE_BASE + "JP_Observation_Common";
    public static final String JP_OBSERVATION_LAB_RESULT = PROFILE_BASE + "JP_Observation_LabResult";
    public static final String JP_OBSERVATION_MICROBIOLOGY = PROFILE_BASE + "JP_Observation_Microbiology";
    public static final String JP_DIAGNOSTIC_REPORT_COMMON = PROFILE_BASE + "JP_DiagnosticReport_Common";
    public static final String JP_DIAGNOSTIC_REPORT_LAB_RESULT = PROFILE_BASE + "JP_DiagnosticReport_LabResult";
    public static final String JP_DIAGNOSTIC_REPORT_MICROBIOLOGY = PROFILE_BASE + "JP_DiagnosticReport_Microbiology";
    public static final String JP_MEDICATION = PROFILE_BASE + "JP_Medication";
    public static final String JP_MEDICATION_REQUEST = PROFILE_BASE + "JP_MedicationRequest";
    public static final String JP_MEDICATION_REQUEST_INJECTION = PROFILE_BASE + "JP_MedicationRequest_Injection";
    public static final String JP_MEDICATION_ADMINISTRATION = PROFILE_BASE + "JP_MedicationAdministration";
    public static final String JP_MEDICATION_ADMINISTRATION_INJECTION =
            PROFILE_BASE + "JP_MedicationAdministration_Injection";
    public static final String JP_MEDICATION_DISPENSE = PROFILE_BASE + "JP_MedicationDispense";
    public static final String JP_SERVICE_REQUEST = PROFILE_BASE + "JP_ServiceRequest";
    public static final String JP_SPECIMEN = PROFILE_BASE + "JP_Specimen";
    public static final String JP_PROCEDURE = PROFILE_BASE + "JP_Procedure";
    public static final String JP_DOCUMENT_REFERENCE = PROFILE_BASE + "JP_DocumentReference";

    // ---- extensions ----
    public static final String EXTENSION_BASE = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/";
    /** JP_Organization extensions carrying the three parts of the medical-institution code. */
    public static final String ORGANIZATION_PREFECTURE_NO = EXTENSION_BASE + "JP_Organization_PrefectureNo";
    public static final String ORGANIZATION_FEE_SCHEDULE_TYPE =
            EXTENSION_BASE + "JP_Organization_InsuranceOrganizationCategory";
    public static final String ORGANIZATION_INSTITUTION_NO = EXTENSION_BASE + "JP_Organization_InsuranceOrganizationNo";
    public static final String MEDICATION_DOSAGE_USAGE_DURATION = EXTENSION_BASE + "JP_MedicationDosage_UsageDuration";
    public static final String MEDICATION_INGREDIENT_DRUG_NO = EXTENSION_BASE + "JP_Medication_Ingredient_DrugNo";
    public static final String NAME_REPRESENTATION =
            "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

    // ---- identifier systems ----
    /** 10-digit medical institution code: prefecture (2) + fee-schedule type (1) + institution number (7). */
    public static final String MEDICAL_INSTITUTION_NO =
            "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";
    public static final String PREFECTURE_NO = "urn:oid:1.2.392.100495.20.3.21";
    public static final String FEE_SCHEDULE_TYPE = "urn:oid:1.2.392.100495.20.3.22";
    public static final String INSTITUTION_NO = "urn:oid:1.2.392.100495.20.3.23";
    /** Prefix of a facility's local patient-ID system; the facility's 10-digit code follows the {@code 1}. */
    public static final String FACILITY_PATIENT_ID_PREFIX = "urn:oid:1.2.392.100495.20.3.51.1";
    /** Rp number (剤グループ番号) and the drug's order within the Rp. */
    public static final String RP_NUMBER = "urn:oid:1.2.392.100495.20.3.81";
    public static final String ORDER_IN_RP = "urn:oid:1.2.392.100495.20.3.82";
    public static final String RESOURCE_INSTANCE_ID = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier";

    // ---- code systems: MEDIS, MHLW, JAMI and JP Core's own ----
    public static final String JLAC10 = "urn:oid:1.2.392.200119.4.504";
    public static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    public static final String HOT7 = "urn:oid:1.2.392.200119.4.403.2";
    public static final String HOT9 = "urn:oid:1.2.392.200119.4.403.1";
    public static final String HOT13 = "urn:oid:1.2.392.200119.4.402.1";
    /** Receipt (レセプト電算) drug code and MHLW price-list (薬価基準収載医薬品) code. */
    public static final String RECEIPT_DRUG_CODE = "urn:oid:1.2.392.100495.20.2.71";
    public static final String MHLW_DRUG_CODE = "urn:oid:1.2.392.100495.20.2.72";
    /** Every system under which JP Core versions and the hub name a YJ code, or a HOT7/9/13 code. */
    public static final Set<String> YJ_SYSTEMS = Set.of(YJ, "urn:oid:1.2.392.100495.20.2.73",
            "http://jpfhir.jp/fhir/core/CodeSystem/JP_MedicationCodeYJ_CS",
            "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code");
    public static final Set<String> HOT_SYSTEMS = Set.of(HOT9, "urn:oid:1.2.392.100495.20.2.74",
            "http://jpfhir.jp/fhir/core/CodeSystem/JP_MedicationCodeHOT9_CS", "http://medis.or.jp/CodeSystem/master-HOT9",
            HOT7, "http://jpfhir.jp/fhir/core/CodeSystem/JP_MedicationCodeHOT7_CS",
            "http://medis.or.jp/CodeSystem/master-HOT7",
            HOT13, "http://jpfhir.jp/fhir/core/CodeSystem/JP_MedicationCodeHOT13_CS",
            "http://medis.or.jp/CodeSystem/master-HOT13");
    /** MEDIS standard disease-name exchange codes (MDCDX2). */
    public static final String MEDIS_DISEASE = "urn:oid:1.2.392.200119.4.101.6";
    /** JAMI standard dosage codes (JAMISDP01). */
    public static final String JAMI_DOSAGE = "urn:oid:1.2.392.200250.2.2.20";
    /** Dose type (力価/製剤量); code {@code 1} is 製剤量, the amount of the preparation. */
    public static final String DOSE_TYPE = "urn:oid:1.2.392.100495.20.2.22";
    public static final String UCUM = "http://unitsofmeasure.org";
    /** MERIT-9 dose units (錠, カプセル, …). */
    public static final String MERIT9_UNIT = "urn:oid:1.2.392.100495.20.2.101";
    public static final String ROUTE = "http://jpfhir.jp/fhir/core/CodeSystem/route-codes";
    public static final String SIMPLE_OBSERVATION_CATEGORY =
            "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS";
    /** JP Core document codes (LOINC-based: 18725-2 微生物学的検査報告書, 18842-5 退院時サマリ, …). */
    public static final String DOCUMENT_CODES = "http://jpfhir.jp/fhir/core/CodeSystem/JP_DocumentCodes_CS";
    /** Microbiology observation kinds: gram-stain, organism-panels, organism, growth, susceptibility-panels, …. */
    public static final String MICROBIOLOGY_CATEGORY = "http://jpfhir.jp/fhir/core/CodeSystem/JP_MicrobiologyCategory_CS";
    /** JANIS infectious-agent (菌) codes and antimicrobial-drug codes. */
    public static final String INFECTIOUS_AGENT = "urn:oid:1.2.392.100495.10.3.100.5.27.6.1";
    public static final String ANTIMICROBIAL_DRUG = "urn:oid:1.2.392.100495.10.3.100.5.11.5.2";

    // ---- external terminology the JP Core profiles bind ----
    public static final String LOINC = "http://loinc.org";
    public static final String DICOM_UID = "urn:dicom:uid";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String OBSERVATION_INTERPRETATION =
            "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public static final String DIAGNOSTIC_SERVICE_SECTION = "http://terminology.hl7.org/CodeSystem/v2-0074";
    public static final String SPECIMEN_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0487";
    public static final String ORDER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0482";
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    public static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    public static final String ALLERGY_VERIFICATION =
            "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

    private JpCoreSystems() {
    }

    public static String facilityPatientIdSystem(String medicalInstitutionCode) {
        return FACILITY_PATIENT_ID_PREFIX + medicalInstitutionCode;
    }
}
