package jp.renkei.hub.fhir.dispensing;

import java.util.Optional;

/** What the check needs from the facility registry: names by hub ID, hub IDs by medical-institution code. */
public interface FacilityDirectory {

    /** The registered name, or the ID itself for a facility the registry does not know. */
    String name(String facilityId);

    /** The hub ID of the facility registered under the 10-digit medical-institution code. */
    Optional<String> withCode(String medicalInstitutionCode);
}
