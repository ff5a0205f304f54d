package jp.renkei.hub.gateway.ss2;

import java.util.Map;
import java.util.Optional;

/**
 * The data types (データ種別) of SS-MIX2 standardized storage the hub knows by name, with what each holds. A file of
 * a type not listed is well-formed but unknown: skipped, counted.
 */
public final class Ss2DataType {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("ADT-00", "patient information (ADT^A08/A23)"),
            Map.entry("ADT-01", "patient information with insurance"),
            Map.entry("ADT-12", "outpatient visit (ADT^A04)"),
            Map.entry("ADT-21", "planned admission (ADT^A14)"),
            Map.entry("ADT-22", "admission (ADT^A01)"),
            Map.entry("ADT-31", "department transfer (ADT^A08)"),
            Map.entry("ADT-32", "department transfer cancelled"),
            Map.entry("ADT-41", "planned ward transfer"),
            Map.entry("ADT-42", "ward transfer (ADT^A02)"),
            Map.entry("ADT-51", "planned discharge (ADT^A16)"),
            Map.entry("ADT-52", "discharge (ADT^A03)"),
            Map.entry("ADT-61", "allergy information (ADT^A60)"),
            Map.entry("PPR-01", "diagnoses (PPR^ZD1)"),
            Map.entry("OMD", "diet order (OMD^O03)"),
            Map.entry("OMP-01", "prescription order (RDE^O11)"),
            Map.entry("OMP-02", "injection order (RDE^O11)"),
            Map.entry("OMP-11", "prescription administered (RAS^O17)"),
            Map.entry("OMP-12", "injection administered (RAS^O17)"),
            Map.entry("OML-01", "lab order (OML^O33)"),
            Map.entry("OML-11", "lab results (OUL^R22)"),
            Map.entry("OMG-01", "radiology order (OMG^O19)"),
            Map.entry("OMG-02", "endoscopy order (OMG^O19)"),
            Map.entry("OMG-03", "physiology test order (OMG^O19)"),
            Map.entry("OMG-11", "radiology performed (OMI^Z23)"),
            Map.entry("OMG-12", "endoscopy performed (OMI^Z23)"),
            Map.entry("OMG-13", "physiology test results (ORU^R01)"));

    private Ss2DataType() {
    }

    public static boolean isKnown(String code) {
        return TYPES.containsKey(code);
    }

    public static Optional<String> description(String code) {
        return Optional.ofNullable(TYPES.get(code));
    }
}
