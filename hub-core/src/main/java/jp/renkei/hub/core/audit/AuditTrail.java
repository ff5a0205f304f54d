package jp.renkei.hub.core.audit;

/**
 * The append-only, hash-chained audit trail. {@link #record} commits in its own transaction, so an event
 * stays recorded even when the request that caused it fails and rolls back.
 */
public interface AuditTrail {

    /** Appends the event and returns its sequence number. */
    long record(AuditEntry entry);
}
