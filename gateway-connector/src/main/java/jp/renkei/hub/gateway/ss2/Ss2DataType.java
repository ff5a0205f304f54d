package jp.renkei.hub.gateway.ss2;

import java.util.Map;
import java.util.Optional;

/**
 * The data types (データ種別) of SS-MIX2 standardized storage the hub knows by name, with what each holds, and —
 * for those the hub does not map — why not. A file of a type not listed is well-formed but unknown: skipped,
 * counted, reported with its type.
 */
public final class Ss2DataType {

    /** What a data type holds, and why it is not mapped (null when it is). */
    record Kind(String description, String notMappedBecause) {
    }

    private static final Map<String, Kind> TYPES = Map.ofEntries(
            Map.entry("ADT-00", new Kind("patient information (ADT^A08/A23)", null)),
            Map.entry("ADT-01", new Kind("doctor in charge changed (ADT^A54/A55)", "who is in charge inside the"
                    + " hospital is staffing, not clinical data; the hub keeps no directory of hospital staff")),
            Map.entry("ADT-12", new Kind("outpatient visit registered (ADT^A04)", "a reception event: what the visit"
                    + " produced arrives as its own orders and results")),
            Map.entry("ADT-21", new Kind("admission planned (ADT^A14)", "a plan, replaced by the admission (ADT-22)")),
            Map.entry("ADT-22", new Kind("admission (ADT^A01)", null)),
            Map.entry("ADT-31", new Kind("leave of absence started (ADT^A21)", "leave during a stay is ward"
                    + " logistics; the stay is the admission/discharge Encounter")),
            Map.entry("ADT-32", new Kind("leave of absence ended (ADT^A22)", "leave during a stay is ward"
                    + " logistics; the stay is the admission/discharge Encounter")),
            Map.entry("ADT-41", new Kind("department/ward transfer planned (ADT^A15)", "a plan, replaced by the"
                    + " transfer (ADT-42)")),
            Map.entry("ADT-42", new Kind("department/ward transfer (ADT^A02)", "a move inside a stay; the stay is"
                    + " the admission (ADT-22) and discharge (ADT-52) Encounter")),
            Map.entry("ADT-51", new Kind("discharge planned (ADT^A16)", "a plan, replaced by the discharge (ADT-52)")),
            Map.entry("ADT-52", new Kind("discharge (ADT^A03)", null)),
            Map.entry("ADT-61", new Kind("allergy information (ADT^A60)", null)),
            Map.entry("PPR-01", new Kind("diagnoses (PPR^ZD1)", null)),
            Map.entry("OMD", new Kind("diet order (OMD^O03)", "inpatient meal orders for the hospital kitchen;"
                    + " the hub's FHIR API offers no NutritionOrder")),
            Map.entry("OMP-01", new Kind("prescription order (RDE^O11)", null)),
            Map.entry("OMP-02", new Kind("injection order (RDE^O11)", null)),
            Map.entry("OMP-11", new Kind("prescription administered (RAS^O17)", null)),
            Map.entry("OMP-12", new Kind("injection administered (RAS^O17)", null)),
            Map.entry("OML-01", new Kind("lab order (OML^O33)", null)),
            Map.entry("OML-11", new Kind("lab and microbiology results (OUL^R22)", null)),
            Map.entry("OMG-01", new Kind("radiology order (OMG^O19)", null)),
            Map.entry("OMG-02", new Kind("endoscopy order (OMG^O19)", null)),
            Map.entry("OMG-03", new Kind("physiology test order (OMG^O19)", null)),
            Map.entry("OMG-11", new Kind("radiology performed (OMI^Z23)", null)),
            Map.entry("OMG-12", new Kind("endoscopy performed (OMI^Z23)", null)),
            Map.entry("OMG-13", new Kind("physiology test results (ORU^R01)", null)),
            // Not one of the standardized-storage types: documents pushed by gateways (MDM) or kept under this name.
            Map.entry("MDM", new Kind("clinical document: discharge summary, referral letter … (MDM^T02/T10/T11)",
                    null)));

    private Ss2DataType() {
    }

    public static boolean isKnown(String code) {
        return TYPES.containsKey(code);
    }

    public static Optional<String> description(String code) {
        return Optional.ofNullable(TYPES.get(code)).map(Kind::description);
    }

    /** Why a known data type is not mapped; empty for mapped and unknown types. */
    public static Optional<String> notMappedBecause(String code) {
        return Optional.ofNullable(TYPES.get(code)).map(Kind::notMappedBecause);
    }
}
