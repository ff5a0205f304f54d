package jp.renkei.hub.core.audit;

import java.util.List;

/**
 * The append-only, hash-chained audit trail. {@link #record} returns once the event is durably committed in a
 * transaction other than the caller's (possibly together with other callers' events), so an event stays
 * recorded even when the request that caused it fails and rolls back; if the commit fails, it throws.
 *
 * <p>{@link #recordWithCurrentTransaction} is the other way in, for an event that must hold exactly when the
 * caller's transaction commits (a request's data write): written in that transaction, chained shortly after it
 * committed.
 */
public interface AuditTrail {

    /** Appends the event and returns its sequence number. */
    long record(AuditEntry entry);

    /** Appends the events, in this order, and returns their sequence numbers once all are committed. */
    default List<Long> recordAll(List<AuditEntry> entries) {
        return entries.stream().map(this::record).toList();
    }

    /**
     * Writes the events within the caller's transaction, which must be active: they are committed or rolled back
     * with it, and join the hash chain after the commit. Until then they are "pending": listed by searches and
     * counted by verification, without sequence number or hash.
     */
    default void recordWithCurrentTransaction(List<AuditEntry> entries) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot record within a transaction");
    }
}
