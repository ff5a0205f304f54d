package jp.renkei.hub.gateway.ingest;

/** What {@link IngestStore#store} did with a record. */
public enum StoreOutcome {
    /** First version of the record: its resources were written. */
    CREATED,
    /** A newer version replaced the stored one (superseded it). */
    SUPERSEDED,
    /** The source cancelled the record: its resources are marked entered-in-error / cancelled. */
    CANCELLED,
    /** Same version and same content as stored: nothing written (re-ingest). */
    UNCHANGED,
    /** Older than the version stored: ignored, the newer one stays. */
    OUTDATED
}
