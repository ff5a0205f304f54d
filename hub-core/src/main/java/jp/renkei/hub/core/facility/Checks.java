package jp.renkei.hub.core.facility;

/** The text rules the facility values share; each failure names the field and what is wrong with it. */
final class Checks {

    private Checks() {
    }

    static void required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidFacilityField(field, "must not be blank");
        }
        atMost(field, value, maxLength);
    }

    static void optional(String field, String value, int maxLength) {
        if (value != null) {
            atMost(field, value, maxLength);
        }
    }

    static void matches(String field, String value, String pattern, String rule) {
        if (value != null && !value.matches(pattern)) {
            throw new InvalidFacilityField(field, rule + ": '" + value + "'");
        }
    }

    private static void atMost(String field, String value, int maxLength) {
        // Code points, as PostgreSQL counts varchar length: a rare kanji outside the BMP is one character.
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new InvalidFacilityField(field, "must be at most " + maxLength + " characters");
        }
    }
}
