package jp.renkei.hub.core.facility;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A 10-digit medical-institution code (医療機関コード): prefecture (2 digits, 01–47), fee-schedule type
 * (1 digit: 1 medical, 3 dental, 4 pharmacy, 6 visiting nursing) and institution number (7 digits). Only
 * the structure is checked: the code carries no check digit the hub could verify.
 */
public record MedicalInstitutionCode(@JsonValue String value) {

    public MedicalInstitutionCode {
        Objects.requireNonNull(value, "value");
        int length = value.codePointCount(0, value.length());
        if (length != 10) {
            throw new IllegalArgumentException("must be 10 digits, got " + length + " characters");
        }
        int position = 1;
        for (int c : value.codePoints().toArray()) {
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("must be 10 digits; '" + Character.toString(c)
                        + "' at position " + position + " is not an ASCII digit");
            }
            position++;
        }
        int prefecture = Integer.parseInt(value.substring(0, 2));
        if (prefecture < 1 || prefecture > 47) {
            throw new IllegalArgumentException(
                    "prefecture '" + value.substring(0, 2) + "' is not between 01 and 47");
        }
    }

    /** The two-digit prefecture number, {@code 01} to {@code 47}. */
    public String prefecture() {
        return value.substring(0, 2);
    }

    /** The fee-schedule digit (点数表コード). */
    public char feeScheduleType() {
        return value.charAt(2);
    }

    /** The seven-digit institution number within prefecture and fee schedule. */
    public String institutionNumber() {
        return value.substring(3);
    }

    @Override
    public String toString() {
        return value;
    }
}
