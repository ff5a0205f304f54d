package jp.renkei.hub.core.audit;

/**
 * Something verification found wrong at one row of the trail.
 *
 * @param seq     the row (for an anchor: the row it names; 0 for an unreadable anchor line)
 * @param kind    what is wrong
 * @param message the details, for people
 */
public record AuditViolation(long seq, Kind kind, String message) {

    public enum Kind {
        /** The row's content no longer matches its own hash. */
        EDITED,
        /** The row does not follow the row before it: rows are missing before it, or it is out of order. */
        CHAIN_BROKEN,
        /** A signed anchor names a row the table no longer has: rows were cut off the end, or removed. */
        ANCHORED_ROW_MISSING,
        /** A signed anchor names a row whose hash is not the anchored one: the chain was rewritten up to it. */
        ANCHORED_ROW_DIFFERS,
        /** An anchor file line that is not an anchor signed by a key of the hub CA: forged or damaged. */
        ANCHOR_FORGED
    }
}
