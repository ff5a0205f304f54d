package jp.renkei.hub.gateway.ingest;

/**
 * A kind of input that can be run through its pipeline again from the bytes kept in quarantine (after a mapping
 * fix): one Spring bean per {@link SourceRef#kind()}.
 */
public interface QuarantineSource {

    /** The {@link SourceRef#kind()} this source re-processes. */
    String kind();

    /**
     * Runs the input again exactly as if it had just arrived from {@code facilityId}. A failure quarantines it
     * again, which updates the same held item (its reason and attempts).
     */
    IngestResult reprocess(String facilityId, SourceRef source, byte[] raw);
}
