package jp.renkei.hub.core.audit;

/**
 * Something verification found wrong at one row of the trail.
 *
 * @param seq     the row
 * @param kind    what is wrong
 * @param message the details, for people
 */
public record AuditViolation(long seq, Kind kind, String message) {

    public enum Kind {
        /** The row's content no longer matches its own hash. */
        EDITED,
        /** The row does not follow the row before it: rows are missing before it, or it is out of order. */
        CHAIN_BROKEN
    }
}
