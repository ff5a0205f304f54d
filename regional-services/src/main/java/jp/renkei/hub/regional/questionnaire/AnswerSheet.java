package jp.renkei.hub.regional.questionnaire;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what a patient sent against the questionnaire version, all or nothing: every item's values are parsed
 * to its type, required items must be answered, and items asked only after a "yes" ({@link Item#shownWhen()})
 * count only when that "yes" was given (otherwise their values are dropped, as a browser that hides them would).
 * Field names are {@code a.<linkId>}; any other {@code a.} name is an unknown item and refuses the whole sheet.
 */
public final class AnswerSheet {

    public static final String FIELD_PREFIX = "a.";
    static final int TEXT_MAX = 200;
    static final int LONG_TEXT_MAX = 2000;
    static final BigDecimal NUMBER_LIMIT = new BigDecimal("1000000");

    /**
     * The verdict.
     *
     * @param answers the answers to store (enabled items with a value), in the questionnaire's order
     * @param errors  linkId → reason code ({@code required}, {@code tooLong}, {@code notANumber}, {@code notADate},
     *                {@code notAnOption}, {@code oneValue}); the key {@code ""} for a sheet-wide error
     *                ({@code unknownItem})
     * @param entered linkId → the values as entered (trimmed), to show them again
     */
    public record Check(List<Answer> answers, Map<String, String> errors, Map<String, List<String>> entered) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private AnswerSheet() {
    }

    public static Check check(Form form, Map<String, List<String>> fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, List<String>> entered = new LinkedHashMap<>();
        for (String name : fields.keySet()) {
            if (name.startsWith(FIELD_PREFIX) && form.item(name.substring(FIELD_PREFIX.length())).isEmpty()) {
                errors.put("", "unknownItem");
            }
        }
        for (Item item : form.items()) {
            List<String> values = fields.getOrDefault(FIELD_PREFIX + item.linkId(), List.of()).stream()
                    .map(v -> v == null ? "" : v.strip()).filter(v -> !v.isEmpty()).toList();
            entered.put(item.linkId(), values);
        }
        List<Answer> answers = new ArrayList<>();
        for (Item item : form.items()) {
            if (!asked(item, entered)) {
                continue;
            }
            List<String> values = entered.get(item.linkId());
            if (values.isEmpty()) {
                if (item.required()) {
                    errors.put(item.linkId(), "required");
                }
                continue;
            }
            if (item.type() != ItemType.MULTIPLE_CHOICE && values.size() > 1) {
                errors.put(item.linkId(), "oneValue");
                continue;
            }
            List<Object> parsed = new ArrayList<>();
            for (String value : values) {
                Optional<Object> one = parse(item, value, errors);
                if (one.isEmpty()) {
                    break;
                }
                if (!parsed.contains(one.get())) {
                    parsed.add(one.get());
                }
            }
            if (!errors.containsKey(item.linkId())) {
                answers.add(new Answer(item.linkId(), parsed));
            }
        }
        return new Check(errors.isEmpty() ? answers : List.of(), errors, entered);
    }

    /** Whether the item is asked: always, or when its condition item was answered "yes". */
    public static boolean asked(Item item, Map<String, List<String>> entered) {
        return item.shownWhen() == null || entered.getOrDefault(item.shownWhen(), List.of()).equals(List.of("yes"));
    }

    private static Optional<Object> parse(Item item, String value, Map<String, String> errors) {
        String id = item.linkId();
        switch (item.type()) {
            case TEXT, LONG_TEXT -> {
                int max = item.type() == ItemType.TEXT ? TEXT_MAX : LONG_TEXT_MAX;
                if (value.codePointCount(0, value.length()) > max) {
                    errors.put(id, "tooLong");
                    return Optional.empty();
                }
                return Optional.of(value);
            }
            case YES_NO -> {
                if (!value.equals("yes") && !value.equals("no")) {
                    errors.put(id, "notAnOption");
                    return Optional.empty();
                }
                return Optional.of(value.equals("yes"));
            }
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                if (!item.options().contains(value)) {
                    errors.put(id, "notAnOption");
                    return Optional.empty();
                }
                return Optional.of(new FhirQuestionnaires.Choice(value));
            }
            case NUMBER -> {
                try {
                    BigDecimal number = new BigDecimal(halfWidth(value));
                    if (number.abs().compareTo(NUMBER_LIMIT) >= 0 || number.scale() > 3) {
                        errors.put(id, "notANumber");
                        return Optional.empty();
                    }
                    return Optional.of(number);
                } catch (NumberFormatException e) {
                    errors.put(id, "notANumber");
                    return Optional.empty();
                }
            }
            case DATE -> {
                try {
                    LocalDate date = LocalDate.parse(halfWidth(value));
                    if (date.getYear() < 1900 || date.getYear() > 2999) {
                        errors.put(id, "notADate");
                        return Optional.empty();
                    }
                    return Optional.of(date);
                } catch (DateTimeParseException e) {
                    errors.put(id, "notADate");
                    return Optional.empty();
                }
            }
            default -> throw new IllegalStateException(item.type().name());
        }
    }

    /** Full-width digits, point, minus and hyphen as people type them on Japanese keyboards. */
    static String halfWidth(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= '\uFF10' && c <= '\uFF19') {
                out.append((char) ('0' + c - '\uFF10'));
            } else if (c == '\uFF0E') {
                out.append('.');
            } else if (c == '\uFF0D' || c == '\u2212') {
                out.append('-');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
