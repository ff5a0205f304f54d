package jp.renkei.hub.core.facility;

import java.time.Instant;

/**
 * One entry of a facility's status history.
 *
 * @param from    {@code null} for the application itself
 * @param reason  required for suspension and withdrawal, optional otherwise
 * @param actorId the hub ID of the person (or system) who made the change
 */
public record FacilityStatusChange(FacilityStatus from, FacilityStatus to, String reason, String actorId,
                                   Instant changedAt) {
}
