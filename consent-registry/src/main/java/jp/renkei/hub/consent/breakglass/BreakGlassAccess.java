package jp.renkei.hub.consent.breakglass;

import java.time.Instant;
import java.util.UUID;

import jp.renkei.hub.core.patient.EventNumber;

/** Emergency CLINICAL read access to one patient, opened by a doctor for their facility until {@code expiresAt}. */
public record BreakGlassAccess(UUID id, EventNumber eventNumber, String facilityId, String doctorId, String reason,
                               Instant openedAt, Instant expiresAt) {

    public boolean openAt(Instant at) {
        return !at.isBefore(openedAt) && at.isBefore(expiresAt);
    }
}
