package jp.renkei.hub.dicom.file;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * UIDs the hub makes (PS3.5 9): its implementation class UID, and new UIDs under the {@code 2.25} root, which
 * turns a random UUID into a UID without needing a registered organisational root.
 */
public final class HubUids {

    /** Fixed for this implementation; derived once from a UUID (2.25 root, PS3.5 B.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.200617683921045626617826938469418003113";
    /** At most 16 characters (PS3.7 D.3.3.3.2). */
    public static final String IMPLEMENTATION_VERSION_NAME = "RENKEIHUB_01";

    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    public static String random() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    /** A syntactically valid UID: digits and dots, no leading zeros, at most 64 characters. */
    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
    }

    private HubUids() {
    }
}
