package jp.renkei.hub.gateway.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.hl7.fhir.r4.model.Identifier;

/**
 * Deterministic resource IDs and business identifiers for ingested data: the same source item always gets
 * the same ID, so storing it again updates (or, unchanged, leaves) the resource instead of adding one. The ID
 * is a hash, so it reveals neither the facility nor its local patient or order numbers.
 */
public final class IngestIds {

    /**
     * Business identifier of an ingested resource: {@code <facility ID>|<40 hex digits>}, a SHA-256 prefix of
     * record key and item. Hashed because other facilities may see the resource, and record keys hold the
     * facility's local patient ID and order numbers.
     */
    public static final String SOURCE_RECORD = "https://renkei-hub.jp/fhir/sid/source-record";

    private IngestIds() {
    }

    /** {@code gw-} and 40 hex digits (160 bits of SHA-256 over facility, type, record key and item). */
    public static String idFor(String facilityId, String resourceType, String recordKey, String item) {
        return "gw-" + HexFormat.of().formatHex(sha256(facilityId + '\n' + resourceType + '\n' + recordKey + '\n'
                + item), 0, 20);
    }

    /** The ID of the Patient the hub creates for a facility's local patient ID. */
    public static String patientIdFor(String facilityId, String localPatientId) {
        return idFor(facilityId, "Patient", localPatientId, "");
    }

    public static Identifier sourceIdentifier(String facilityId, String recordKey, String item) {
        return new Identifier().setSystem(SOURCE_RECORD).setValue(facilityId + "|"
                + HexFormat.of().formatHex(sha256(recordKey + '#' + item), 0, 20));
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }
}
