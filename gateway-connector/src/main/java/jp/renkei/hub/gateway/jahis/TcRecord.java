package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One CSV line of a TC file: its line number, type and fields. Field indexes are 1-based after the record
 * number, as the JAHIS tables count them. JAHIS CSV has no quoting (a comma inside text is written full-width).
 */
public record TcRecord(int line, TcRecordType type, List<String> fields) {

    public TcRecord {
        fields = List.copyOf(fields);
    }

    /** The field's text, stripped; empty when the field is absent or blank. */
    public String text(int index, String name) {
        return index <= fields.size() ? fields.get(index - 1).strip() : "";
    }

    public String required(int index, String name) {
        String value = text(index, name);
        if (value.isEmpty()) {
            throw error(index, name, index <= fields.size() ? "empty, but required"
                    : "missing (the record has only " + fields.size() + " fields), but required");
        }
        return value;
    }

    public LocalDate date(int index, String name) {
        try {
            return JapaneseEraDate.parse(required(index, name));
        } catch (IllegalArgumentException e) {
            throw error(index, name, e.getMessage());
        }
    }

    /** An optional date: null when empty. */
    public LocalDate optionalDate(int index, String name) {
        return text(index, name).isEmpty() ? null : date(index, name);
    }

    /** An optional decimal number (half-width digits); null when empty. */
    public BigDecimal decimal(int index, String name) {
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

    public JahisFormatException error(int index, String name, String reason) {
        return new JahisFormatException(line, type.label(), index, name, reason);
    }

    public JahisFormatException error(String reason) {
        return JahisFormatException.ofLine(line, type.label(), reason);
    }
}
