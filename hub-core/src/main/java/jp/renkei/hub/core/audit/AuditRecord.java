package jp.renkei.hub.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * One recorded event of the audit trail as readers see it: the caller's {@link AuditEntry} (after the
 * trail shortened over-long text) plus what the trail added.
 *
 * @param seq        position in the trail, contiguous from 1; for an event still {@link #pending() pending}
 *                   (written with a request's data, not yet chained), its pending number negated
 * @param recordedAt when the trail recorded it (database clock, microsecond precision)
 * @param roles      the roles the actor acted with, sorted
 * @param prevHash   the hash of the event before it (64 zeros for the first event); null while pending
 * @param hash       SHA-256 over {@code prevHash} and every other field, hex; null while pending
 */
public record AuditRecord(
        long seq, Instant recordedAt, String actorKind, String actorId, String facilityId, List<String> roles,
        String patientRef, AuditAction action, String resource, AuditOutcome outcome, int status,
        String purpose, String sourceIp, String detail, String prevHash, String hash) {

    public AuditRecord {
        roles = List.copyOf(roles);
    }

    /** Committed with the data of its request and not yet in the hash chain (it is, within moments). */
    public boolean pending() {
        return seq < 0;
    }
}
