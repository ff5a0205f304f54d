package jp.renkei.hub.core.audit;

/**
 * The append-only, hash-chained audit trail. {@link #record} returns once the event is durably committed in a
 * transaction other than the caller's (possibly together with other callers' events), so an event stays
 * recorded even when the request that caused it fails and rolls back; if the commit fails, it throws.
 */
public interface AuditTrail {

    /** Appends the event and returns its sequence number. */
    long record(AuditEntry entry);

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
