package jp.renkei.hub.gateway.ingest;

import java.util.Objects;

/**
 * Where an input came from, for quarantine, reports and re-processing.
 *
 * @param kind      what sort of input, which also names the {@link QuarantineSource} that can re-process it
 *                  (e.g. {@link #SS2_FILE}, {@link #HL7_MESSAGE})
 * @param reference the input within its kind: an SS-MIX2 file's path relative to the storage root, a message's
 *                  control ID, a JAHIS file name
 */
public record SourceRef(String kind, String reference) {

    public static final String SS2_FILE = "SS2_FILE";
    public static final String HL7_MESSAGE = "HL7_MESSAGE";

    public SourceRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
    }

    @Override
    public String toString() {
        return kind + ":" + reference;
    }
}
