package jp.renkei.hub.dicom.deid;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Everything that makes one de-identified release of a study: the patient pseudonym that replaces PatientName and
 * PatientID, the secret key from which every replacement UID is derived, and the date shift. One is drawn at
 * random per second-read request, so two releases of the same study cannot be linked to each other, and none of
 * it is derived from anything about the patient (not the event number, not the local ID).
 *
 * @param token          the pseudonym, e.g. {@code RH-7K2M9QX4TD}
 * @param uidKey         32 random bytes keying {@link UidRemapper}
 * @param dateShiftDays  days added to every date under {@link DateHandling#SHIFT} (negative: moved back)
 */
public record StudyPseudonym(String token, byte[] uidKey, int dateShiftDays) {

    /** Crockford's base-32 alphabet: no I, L, O, U, so a token read aloud or copied by hand stays unambiguous. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int TOKEN_LENGTH = 10;
    private static final int MAX_SHIFT_DAYS = 365;

    public StudyPseudonym {
        Objects.requireNonNull(token, "token");
        if (uidKey.length < 16) {
            throw new IllegalArgumentException("the UID key must have at least 16 bytes");
        }
        uidKey = uidKey.clone();
    }

    /** A fresh pseudonym: random token, random UID key, a random backward shift of 1 to 365 days. */
    public static StudyPseudonym random(SecureRandom random) {
        StringBuilder token = new StringBuilder("RH-");
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            token.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new StudyPseudonym(token.toString(), key, -(1 + random.nextInt(MAX_SHIFT_DAYS)));
    }

    @Override
    public byte[] uidKey() {
        return uidKey.clone();
    }

    public UidRemapper uids() {
        return new UidRemapper(uidKey);
    }

    @Override
    public String toString() {
        return "StudyPseudonym[" + token + "]";
    }
}
