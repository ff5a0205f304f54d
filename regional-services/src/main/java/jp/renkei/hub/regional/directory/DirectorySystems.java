package jp.renkei.hub.regional.directory;

/** The code systems and identifier systems of the facility directory's FHIR view. */
public final class DirectorySystems {

    /** {@link ServiceCode}: the hub's own list of services. */
    public static final String SERVICE = "https://renkei-hub.jp/fhir/CodeSystem/directory-service";
    /** {@link CareFacilityType}. */
    public static final String CARE_FACILITY_TYPE = "https://renkei-hub.jp/fhir/CodeSystem/care-facility-type";
    /** {@link Department}: the SS-MIX2 clinical-department table, as JP Core names it. */
    public static final String DEPARTMENT = "http://jami.jp/SS-MIX2/CodeSystem/ClinicalDepartment";
    /** The facility's kind (hub-core's FacilityKind), as HealthcareService.category. */
    public static final String FACILITY_KIND = "https://renkei-hub.jp/fhir/CodeSystem/facility-kind";
    /** 全国地方公共団体コード (the JIS X 0402 code with its check digit), the hub's system for it. */
    public static final String MUNICIPALITY = "https://renkei-hub.jp/fhir/CodeSystem/municipality";
    /** The secondary medical area (二次医療圏) as the registry names it. */
    public static final String MEDICAL_AREA = "https://renkei-hub.jp/fhir/CodeSystem/secondary-medical-area";
    /** Whether new patients are accepted, on HealthcareService.characteristic. */
    public static final String NEW_PATIENTS = "https://renkei-hub.jp/fhir/CodeSystem/new-patients";

    private DirectorySystems() {
    }
}
