package jp.renkei.hub.core.audit;

/**
 * The append-only, hash-chained audit trail. {@link #record} returns once the event is durably committed in a
 * transaction other than the caller's (possibly together with other callers' events), so an event stays
 * recorded even when the request that caused it fails and rolls back; if the commit fails, it throws.
 */
public interface AuditTrail {

    /** Appends the event and returns its sequence number. */
    long record(AuditEntry entry);
}
