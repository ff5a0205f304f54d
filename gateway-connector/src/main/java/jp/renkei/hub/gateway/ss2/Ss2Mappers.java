package jp.renkei.hub.gateway.ss2;

import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Coding;

/**
 * THE table of which SS-MIX2 data type is mapped by which mapper; a type not here is skipped, counted, with the
 * reason {@link Ss2DataType} gives.
 */
public final class Ss2Mappers {

    private static final Map<String, Ss2Mapper> MAPPERS = Map.ofEntries(
            Map.entry("ADT-00", new PatientMapper()),
            Map.entry("ADT-61", new AllergyMapper()),
            Map.entry("PPR-01", new ConditionMapper()),
            Map.entry("OMP-01", new PrescriptionMapper()),
            Map.entry("OMP-02", new InjectionOrderMapper()),
            Map.entry("OMP-11", new AdministrationMapper(false)),
            Map.entry("OMP-12", new AdministrationMapper(true)),
            Map.entry("OML-01", new OrderMapper(new Coding(JpCoreSystems.DIAGNOSTIC_SERVICE_SECTION, "LAB",
                    "検体検査"))),
            Map.entry("OML-11", new LabResultMapper()),
            Map.entry("OMG-01", new OrderMapper(new Coding(JpCoreSystems.DIAGNOSTIC_SERVICE_SECTION, "RAD",
                    "放射線検査"))),
            Map.entry("OMG-02", new OrderMapper(new Coding().setDisplay("内視鏡検査"))),
            Map.entry("OMG-03", new OrderMapper(new Coding().setDisplay("生理検査"))),
            Map.entry("OMG-11", new ProcedureMapper("放射線検査")),
            Map.entry("OMG-12", new ProcedureMapper("内視鏡検査")),
            Map.entry("OMG-13", new ExaminationReportMapper("生理検査")),
            Map.entry("ADT-22", new EncounterMapper(false)),
            Map.entry("ADT-52", new EncounterMapper(true)),
            Map.entry("MDM", new DocumentMapper()));

    private Ss2Mappers() {
    }

    public static Optional<Ss2Mapper> of(String dataType) {
        return Optional.ofNullable(MAPPERS.get(dataType));
    }

    /** Why a data type is not stored: unknown to SS-MIX2, or known but not mapped, with the reason. */
    public static String skipReason(String dataType) {
        return Ss2DataType.description(dataType)
                .map(description -> "data type " + dataType + " (" + description + ") is not mapped to FHIR: "
                        + Ss2DataType.notMappedBecause(dataType).orElse("no mapper"))
                .orElse("data type " + dataType + " is not an SS-MIX2 standardized-storage data type the hub knows");
    }
}
