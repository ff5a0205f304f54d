package jp.renkei.hub.gateway.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jp.renkei.hub.core.ids.HubKeyedIds;
import jp.renkei.hub.fhir.patient.FacilityPatients;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.stereotype.Component;

/**
 * Deterministic IDs and business identifiers for ingested data, in two steps:
 * <ol>
 *   <li>Mappers name each item with {@link #itemId} and {@link #sourceIdentifier}: digests of facility, type,
 *       record key and item. Record keys hold local patient IDs and order numbers, so anyone who can guess those can
 *       compute these values: they never leave the hub. (Their form is the one the hub stored before keyed IDs, so
 *       ledger content hashes and the migration of old data stay exact.)</li>
 *   <li>{@link IngestStore} stores each item under {@link #storedId} and with {@link #storedSourceValue}: HMACs of the
 *       item's values under the hub's identifier key ({@link HubKeyedIds}). The same item still always gets the same
 *       ID, so storing it again updates (or, unchanged, leaves) the resource; but without the key nobody can compute
 *       the ID of a patient or order, nor test a guess against an ID they see.</li>
 * </ol>
 */
@Component
public class IngestIds {

    /**
     * Business identifier of an ingested resource: {@code <facility ID>|<40 hex digits>}, keyed, of record key and
     * item. Other facilities may see the resource, so it names the item without revealing it.
     */
    public static final String SOURCE_RECORD = "https://renkei-hub.jp/fhir/sid/source-record";
    /** Stored IDs: {@code gk-} and 40 hex digits (160 bits of HMAC-SHA256 over the item ID). */
    static final String STORED_PREFIX = "gk-";
    private static final Pattern ITEM_ID = Pattern.compile("gw-[0-9a-f]{40}");

    private final HubKeyedIds keyed;

    public IngestIds(HubKeyedIds keyed) {
        this.keyed = keyed;
    }

    /**
     * The unkeyed name of a mapped item: {@code gw-} and 40 hex digits of SHA-256 over facility, type, record key and
     * item. Mapped resources carry it as their ID until the store replaces it with {@link #storedId}.
     */
    public static String itemId(String facilityId, String resourceType, String recordKey, String item) {
        return "gw-" + HexFormat.of().formatHex(sha256(facilityId + '\n' + resourceType + '\n' + recordKey + '\n'
                + item), 0, 20);
    }

    static boolean isItemId(String id) {
        return ITEM_ID.matcher(id).matches();
    }

    /** The unkeyed source-record identifier of a mapped item; the store replaces its value with the keyed one. */
    public static Identifier sourceIdentifier(String facilityId, String recordKey, String item) {
        return new Identifier().setSystem(SOURCE_RECORD).setValue(facilityId + "|"
                + HexFormat.of().formatHex(sha256(recordKey + '#' + item), 0, 20));
    }

    /** The ID an item is stored under. */
    public String storedId(String itemId) {
        return STORED_PREFIX + keyed.hex(20, "ingest-id", itemId);
    }

    /** The ID of the Patient the hub creates for a facility's local patient ID ({@link FacilityPatients#idFor}). */
    public String patientIdFor(String facilityId, String localPatientId) {
        return FacilityPatients.idFor(keyed, facilityId, localPatientId);
    }

    /** The stored value of a {@link #SOURCE_RECORD} identifier: {@code <facility ID>|} and the keyed digest. */
    String storedSourceValue(String itemValue) {
        int bar = itemValue.indexOf('|');
        return itemValue.substring(0, bar + 1) + keyed.hex(20, "source-record", itemValue);
    }

    /** Refuses to store an unkeyed item ID: a mapped ID that missed {@link #storedId} would reveal its inputs. */
    void checkStored(String id) {
        if (isItemId(id)) {
            throw new IllegalStateException("refusing to store the unkeyed item ID " + id);
        }
    }

    /** Names the identifier key, so that a replaced key is noticed before it gives stored items new IDs. */
    String keyCheck() {
        return keyed.keyCheck();
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
