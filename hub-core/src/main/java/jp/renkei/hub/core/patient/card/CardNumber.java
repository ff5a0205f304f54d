package jp.renkei.hub.core.patient.card;

import java.util.Locale;

import jp.renkei.hub.core.web.ApiException;

/** The number printed on and stored in a health-passport IC card: 8–32 letters A–Z or digits. */
public record CardNumber(String value) {

    public CardNumber {
        if (value == null || !value.matches("[A-Z0-9]{8,32}")) {
            throw ApiException.invalid("cardNumber", "must be 8-32 characters, letters A-Z or digits only");
        }
    }

    /** Reads a card number as typed or read from the card; lower case is accepted and stored upper case. */
    public static CardNumber parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        String normalised = text.strip().toUpperCase(Locale.ROOT);
        if (!normalised.matches("[A-Z0-9]{8,32}")) {
            throw ApiException.invalid(field, "must be 8-32 characters, letters A-Z or digits only; got '"
                    + text.strip() + "'");
        }
        return new CardNumber(normalised);
    }

    @Override
    public String toString() {
        return value;
    }
}
