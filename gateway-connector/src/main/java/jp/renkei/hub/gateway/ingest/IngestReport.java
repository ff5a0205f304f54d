package jp.renkei.hub.gateway.ingest;

/**
 * The final count of an ingest run. Inputs: {@code read} = {@code skipped} + {@code quarantined} + inputs stored.
 * Records of stored inputs: {@code stored} (new), {@code superseded} (a newer version replaced the stored one),
 * {@code cancelled}, {@code unchanged} (already stored as is), {@code outdated} (older than what is stored).
 */
public record IngestReport(long read, long stored, long superseded, long cancelled, long unchanged, long outdated,
                           long skipped, long quarantined, long warnings) {

    @Override
    public String toString() {
        return "read " + read + ", stored " + stored + ", superseded " + superseded + ", cancelled " + cancelled
                + ", unchanged " + unchanged + ", outdated " + outdated + ", skipped " + skipped + ", quarantined "
                + quarantined + ", warnings " + warnings;
    }
}
