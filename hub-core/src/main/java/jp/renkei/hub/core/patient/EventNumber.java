package jp.renkei.hub.core.patient;

import java.security.SecureRandom;

import jp.renkei.hub.core.web.ApiException;
import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.VerhoeffCheckDigit;

/**
 * An event management number: 15 random digits and a Verhoeff check digit (which catches every single-digit
 * error and every swap of adjacent digits), written in groups of four, e.g. {@code 4821-0937-1150-6628}.
 * The first digit is never 0, so the number keeps its length wherever it is copied as a number.
 */
public record EventNumber(String digits) {

    public static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public EventNumber {
        if (digits == null || !digits.matches("[1-9][0-9]{15}")) {
            throw ApiException.invalid("eventNumber", "must be 16 digits (groups of four may be separated by"
                    + " '-' or spaces), not starting with 0");
        }
        if (!VerhoeffCheckDigit.VERHOEFF_CHECK_DIGIT.isValid(digits)) {
            throw ApiException.invalid("eventNumber", "check digit does not match: the number was mistyped");
        }
    }

    /** Reads a number as people write it: with or without the separating '-' or spaces. */
    public static EventNumber parse(String text) {
        if (text == null) {
            throw ApiException.invalid("eventNumber", "is required");
        }
        return new EventNumber(text.replace("-", "").replace(" ", "").replace("\u3000", "").trim());
    }

    /** A fresh random number; uniqueness is the database's job (primary key). */
    public static EventNumber random() {
        StringBuilder body = new StringBuilder().append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < LENGTH - 1; i++) {
            body.append(RANDOM.nextInt(10));
        }
        try {
            return new EventNumber(body + VerhoeffCheckDigit.VERHOEFF_CHECK_DIGIT.calculate(body.toString()));
        } catch (CheckDigitException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The grouped form shown to people and used in FHIR identifiers. */
    public String formatted() {
        return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8, 12) + "-" + digits.substring(12);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
