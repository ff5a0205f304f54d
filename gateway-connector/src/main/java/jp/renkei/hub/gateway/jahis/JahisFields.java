package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Field access shared by the CSV records of both JAHIS formats (TC and the prescription 2D symbol): indexes are
 * 1-based after the record number, as the JAHIS tables count them, and every problem names line, record and field.
 * JAHIS CSV has no quoting (a comma inside text is written full-width).
 */
interface JahisFields {

    int line();

    List<String> fields();

    /** How error messages name the record, e.g. {@code "201 (drug)"}. */
    String label();

    /** The field's text, stripped; empty when the field is absent or blank. */
    default String text(int index, String name) {
        return index <= fields().size() ? fields().get(index - 1).strip() : "";
    }

    default String required(int index, String name) {
        String value = text(index, name);
        if (value.isEmpty()) {
            throw error(index, name, index <= fields().size() ? "empty, but required"
                    : "missing (the record has only " + fields().size() + " fields), but required");
        }
        return value;
    }

    default LocalDate date(int index, String name) {
        try {
            return JapaneseEraDate.parse(required(index, name));
        } catch (IllegalArgumentException e) {
            throw error(index, name, e.getMessage());
        }
    }

    /** An optional date: null when empty. */
    default LocalDate optionalDate(int index, String name) {
        return text(index, name).isEmpty() ? null : date(index, name);
    }

    /** An optional decimal number (half-width digits); null when empty. */
    default BigDecimal decimal(int index, String name) {
        String value = text(index, name);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw error(index, name, "'" + value + "' is not a number");
        }
    }

    /** A required number greater than zero. */
    default BigDecimal positiveDecimal(int index, String name) {
        required(index, name);
        BigDecimal value = decimal(index, name);
        if (value.signum() <= 0) {
            throw error(index, name, "'" + value.toPlainString() + "' is not a positive number");
        }
        return value;
    }

    default JahisFormatException error(int index, String name, String reason) {
        return new JahisFormatException(line(), label(), index, name, reason);
    }

    default JahisFormatException error(String reason) {
        return JahisFormatException.ofLine(line(), label(), reason);
    }
}
