package jp.renkei.hub.consent.breakglass;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice to a facility where the patient is enrolled that someone opened emergency access to them.
 *
 * @param localPatientId the notified facility's own ID of the patient (never another facility's)
 * @param openedByFacilityId the facility whose doctor opened the access
 */
public record BreakGlassNotification(UUID id, UUID breakGlassId, String localPatientId, String eventNumber,
                                     String openedByFacilityId, String doctorId, String reason, Instant openedAt,
                                     Instant expiresAt) {
}
