package jp.renkei.hub.core.audit;

import java.util.Arrays;

/**
 * Makes caller-supplied text storable as it is: an audit event must never be lost because a path was very
 * long or a login name carried a NUL byte (PostgreSQL refuses NUL in text).
 */
final class AuditText {

    /** Identifiers, roles, purpose, address. */
    static final int SHORT = 256;
    /** HTTP method and path, FHIR type, admin object. */
    static final int RESOURCE = 2048;
    static final int DETAIL = 4000;

    private static final int REPLACEMENT = '\uFFFD';
    private static final int ELLIPSIS = '\u2026';

    private AuditText() {
    }

    /**
     * {@code value} with NUL and unpaired surrogates replaced by U+FFFD (neither survives a round trip
     * through PostgreSQL unchanged, which would break the hash), cut to {@code maxCodePoints} code points
     * with a trailing ellipsis when longer.
     */
    static String clean(String value, int maxCodePoints) {
        if (value == null) {
            return null;
        }
        int[] codePoints = value.codePoints()
                .map(cp -> cp == 0 || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) ? REPLACEMENT : cp)
                .toArray();
        if (codePoints.length > maxCodePoints) {
            codePoints = Arrays.copyOf(codePoints, maxCodePoints);
            codePoints[maxCodePoints - 1] = ELLIPSIS;
        }
        return new String(codePoints, 0, codePoints.length);
    }
}
