package jp.renkei.hub.core.facility;

import java.time.Instant;

/**
 * A facility registered with the hub.
 *
 * @param id                     assigned by the hub (a UUID); the facility's identity in every module
 * @param medicalInstitutionCode {@code null} for kinds without a code
 * @param updatedBy              the hub ID of the person (or system) who last changed the facility
 */
public record Facility(String id, FacilityKind kind, MedicalInstitutionCode medicalInstitutionCode,
                       FacilityDetails details, FacilityStatus status,
                       Instant createdAt, Instant updatedAt, String updatedBy) {
}
