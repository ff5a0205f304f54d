package jp.renkei.hub.gateway.ss2;

import java.util.Map;
import java.util.Optional;

/** THE table of which SS-MIX2 data type is mapped by which mapper; a type not here is skipped, counted. */
public final class Ss2Mappers {

    private static final Map<String, Ss2Mapper> MAPPERS = Map.of(
            "ADT-00", new PatientMapper(),
            "ADT-61", new AllergyMapper(),
            "PPR-01", new ConditionMapper(),
            "OMP-01", new PrescriptionMapper(),
            "OMP-02", new InjectionOrderMapper(),
            "OMP-11", new AdministrationMapper(false),
            "OMP-12", new AdministrationMapper(true),
            "OML-11", new LabResultMapper(),
            "ADT-22", new EncounterMapper(false),
            "ADT-52", new EncounterMapper(true));

    private Ss2Mappers() {
    }

    public static Optional<Ss2Mapper> of(String dataType) {
        return Optional.ofNullable(MAPPERS.get(dataType));
    }

    /** Why a data type is not stored: unknown to SS-MIX2, or known but not mapped. */
    public static String skipReason(String dataType) {
        return Ss2DataType.description(dataType)
                .map(description -> "data type " + dataType + " (" + description + ") is not mapped to FHIR")
                .orElse("data type " + dataType + " is not an SS-MIX2 standardized-storage data type the hub knows");
    }
}
