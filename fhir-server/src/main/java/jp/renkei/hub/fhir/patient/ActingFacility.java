package jp.renkei.hub.fhir.patient;

import java.util.Optional;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;

/**
 * The facility a FHIR request is made for, as far as patient identifiers are concerned: its hub ID and the
 * system of its own local patient IDs (none for kinds without a medical-institution code).
 */
public record ActingFacility(String facilityId, Optional<String> localSystem) {

    /** Whether {@code system} is a facility-local patient-ID system at all (any facility's). */
    public static boolean isLocalSystem(String system) {
        return system != null && system.startsWith(JpCoreSystems.FACILITY_PATIENT_ID_PREFIX);
    }

    public boolean isOwnLocalSystem(String system) {
        return system != null && localSystem.map(system::equals).orElse(false);
    }

    /** Another facility's local patient-ID system: values in it must never reach this facility. */
    public boolean isForeignLocalSystem(String system) {
        return isLocalSystem(system) && !isOwnLocalSystem(system);
    }
}
