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

    /**
     * Hands the event in and returns at once, so the caller can go on working while it commits; nothing that
     * depends on the event being recorded may happen before {@link Appending#await()} has returned. This default
     * records before returning.
     */
    default Appending submit(AuditEntry entry) {
        long seq = record(entry);
        return () -> seq;
    }

    /** An event handed in with {@link #submit}. */
    @FunctionalInterface
    interface Appending {

        /** Waits until the event is durably committed and returns its sequence number; throws like {@link #record}. */
        long await();
    }
}
