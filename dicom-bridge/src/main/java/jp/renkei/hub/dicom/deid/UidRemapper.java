package jp.renkei.hub.dicom.deid;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replacement UIDs under the {@code 2.25} root (PS3.5 B.2): each original UID is turned into a UUID by
 * HMAC-SHA256 with a per-release secret key (the first 128 bits, marked as an RFC 9562 version-8 UUID), and the
 * UUID into its decimal UID. The same original always gets the same replacement within a release, so references
 * between the instances of a study stay intact and a file served twice is the same file; without the key,
 * which stays in the hub, a replacement cannot be traced back to its original, and two releases of one study share
 * no UID.
 */
public final class UidRemapper {

    private final SecretKeySpec key;

    UidRemapper(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public String remap(String originalUid) {
        byte[] digest;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            digest = mac.doFinal(originalUid.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        byte[] uuid = java.util.Arrays.copyOf(digest, 16);
        uuid[6] = (byte) (uuid[6] & 0x0F | 0x80);
        uuid[8] = (byte) (uuid[8] & 0x3F | 0x80);
        return "2.25." + new BigInteger(1, uuid);
    }
}
