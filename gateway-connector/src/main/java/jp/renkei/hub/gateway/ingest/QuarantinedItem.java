package jp.renkei.hub.gateway.ingest;

import java.time.Instant;
import java.util.UUID;

/** A quarantined input without its bytes (see {@link Quarantine#raw}). */
public record QuarantinedItem(UUID id, String facilityId, String sourceKind, String sourceRef, String reason,
                              String location, String status, int attempts, long size, Instant quarantinedAt,
                              Instant lastTriedAt, Instant resolvedAt) {

    public SourceRef source() {
        return new SourceRef(sourceKind, sourceRef);
    }

    public boolean held() {
        return Quarantine.HELD.equals(status);
    }
}
