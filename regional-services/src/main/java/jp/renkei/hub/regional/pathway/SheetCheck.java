package jp.renkei.hub.regional.pathway;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks answers to an assessment sheet, all or nothing: every given name must be an item of the sheet, every
 * value must parse as the item's type and lie in its range or list, and required items must be answered. The
 * errors name the field as {@code answers.<linkId>}; the answers come back parsed (Integer, BigDecimal, Boolean,
 * option code, String, LocalDate) in the sheet's order.
 */
public final class SheetCheck {

    static final int TEXT_MAX = 1000;

    private SheetCheck() {
    }

    /**
     * @param given linkId → the value as typed or sent ({@code null} or blank: not answered)
     * @throws InvalidPathway with every problem found; nothing is to be stored then
     */
    public static Map<String, Object> check(Sheet sheet, Map<String, String> given) {
        Map<String, String> errors = new LinkedHashMap<>();
        given.keySet().stream().filter(name -> sheet.item(name).isEmpty()).sorted().forEach(name ->
                errors.put("answers." + name, "is not an item of sheet " + sheet.code()));
        Map<String, Object> answers = new LinkedHashMap<>();
        for (SheetItem item : sheet.items()) {
            String value = given.get(item.linkId());
            value = value == null ? "" : value.strip();
            String field = "answers." + item.linkId();
            if (value.isEmpty()) {
                if (item.required()) {
                    errors.put(field, "is required (" + item.text() + ")");
                }
                continue;
            }
            try {
                answers.put(item.linkId(), parse(item, value));
            } catch (IllegalArgumentException e) {
                errors.put(field, e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPathway(errors);
        }
        return answers;
    }

    private static Object parse(SheetItem item, String value) {
        return switch (item.kind()) {
            case INTEGER -> {
                if (!value.matches("[+-]?\\d{1,9}")) {
                    throw new IllegalArgumentException("'" + value + "' is not a whole number");
                }
                yield inRange(item, new BigDecimal(value)).intValueExact();
            }
            case DECIMAL -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a number");
                }
                if (number.precision() - number.scale() > 9 || number.scale() > 4) {
                    throw new IllegalArgumentException("'" + value + "' has too many digits");
                }
                yield inRange(item, number);
            }
            case BOOLEAN -> switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
            };
            case CHOICE -> item.option(value).map(SheetItem.Option::code).orElseThrow(() ->
                    new IllegalArgumentException("'" + value + "' is not one of the options "
                            + item.options().stream().map(SheetItem.Option::code).toList()));
            case DATE -> {
                try {
                    yield LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a date (YYYY-MM-DD)");
                }
            }
            case STRING -> {
                if (value.length() > TEXT_MAX) {
                    throw new IllegalArgumentException("is longer than " + TEXT_MAX + " characters");
                }
                yield value;
            }
        };
    }

    private static BigDecimal inRange(SheetItem item, BigDecimal number) {
        if ((item.min() != null && number.compareTo(item.min()) < 0)
                || (item.max() != null && number.compareTo(item.max()) > 0)) {
            throw new IllegalArgumentException(number.toPlainString() + " is outside " + range(item));
        }
        return number;
    }

    static String range(SheetItem item) {
        return (item.min() == null ? "" : item.min().toPlainString()) + "–"
                + (item.max() == null ? "" : item.max().toPlainString());
    }
}
