package jp.renkei.hub.core.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic identifiers under the hub's secret identifier key: HMAC-SHA256 over a purpose and the fields, each
 * length-prefixed (so no two different inputs share an encoding). The same input always gives the same value on
 * this hub, so re-ingesting an item finds it again; without the key, a value can neither be computed from a
 * facility's local patient or order numbers nor be used to test a guess of them, as an unkeyed hash can.
 */
public final class HubKeyedIds {

    /** Shortest key accepted: 256 bits, the HMAC-SHA256 block strength. */
    public static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public HubKeyedIds(byte[] key) {
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("the identifier key must have at least " + KEY_BYTES + " bytes, not "
                    + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** Under a fresh random key: for throw-away data (benchmarks) whose identifiers need not survive the process. */
    public static HubKeyedIds withRandomKey() {
        return new HubKeyedIds(randomKey());
    }

    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * The first {@code bytes} bytes of the HMAC as lowercase hex.
     *
     * @param purpose separates the uses of the key: two purposes never give the same value for the same fields
     */
    public String hex(int bytes, String purpose, String... fields) {
        if (bytes < 1 || bytes > 32) {
            throw new IllegalArgumentException("bytes must be 1 to 32, not " + bytes);
        }
        return HexFormat.of().formatHex(mac(purpose, fields), 0, bytes);
    }

    /**
     * Names the key without revealing it. Stores record it next to data made with the key, so that a lost or
     * replaced key is noticed at start instead of silently giving every item a new ID.
     */
    public String keyCheck() {
        return hex(16, "key-check");
    }

    private byte[] mac(String purpose, String... fields) {
        List<byte[]> parts = new ArrayList<>(fields.length + 1);
        parts.add(purpose.getBytes(StandardCharsets.UTF_8));
        for (String field : fields) {
            parts.add(field.getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer canonical = ByteBuffer.allocate(parts.stream().mapToInt(p -> 4 + p.length).sum());
        parts.forEach(p -> canonical.putInt(p.length).put(p));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(canonical.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required by every Java platform", e);
        }
    }
}
