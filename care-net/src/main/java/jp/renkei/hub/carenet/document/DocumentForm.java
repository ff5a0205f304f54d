package jp.renkei.hub.carenet.document;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Checks what was entered in a document form against its template and returns the values to keep: in the
 * template's order, stripped, dates as yyyy-MM-dd, check lists in the options' order; empty fields dropped.
 * Every problem is reported at once, per field ({@code values.<code>}), in Japanese.
 */
public final class DocumentForm {

    private DocumentForm() {
    }

    public static Map<String, Object> fill(DocumentTemplate template, Map<String, ?> entered) {
        Map<String, ?> values = entered == null ? Map.of() : entered;
        Map<String, String> errors = new LinkedHashMap<>();
        for (String code : values.keySet()) {
            if (template.field(code).isEmpty()) {
                errors.put("values." + code, "「" + template.title() + "」に欄「" + code + "」はありません");
            }
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        for (DocumentField field : template.fields()) {
            Object value = values.get(field.code());
            if (isEmpty(value)) {
                if (field.required()) {
                    errors.put("values." + field.code(), "「" + field.label() + "」を入力してください");
                }
                continue;
            }
            try {
                kept.put(field.code(), normalised(field, value));
            } catch (IllegalArgumentException e) {
                errors.put("values." + field.code(), e.getMessage());
            }
        }
        checkPeriods(template, kept, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "入力内容に誤りがあります: " + String.join("; ",
                    errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()), errors);
        }
        return kept;
    }

    private static Object normalised(DocumentField field, Object value) {
        String label = "「" + field.label() + "」";
        return switch (field.type()) {
            case TEXT, LONG_TEXT -> {
                if (!(value instanceof String s)) {
                    throw new IllegalArgumentException(label + "は文字で入力してください");
                }
                String text = field.type() == FieldType.TEXT ? s.replaceAll("[\\r\\n]+", " ").strip()
                        : s.replace("\r\n", "\n").strip();
                if (text.length() > field.maxLength()) {
                    throw new IllegalArgumentException(label + "は " + field.maxLength() + " 文字までです（"
                            + text.length() + " 文字）");
                }
                yield text;
            }
            case DATE -> date(label, value).toString();
            case CHOICE -> {
                String choice = value instanceof String s ? s.strip() : String.valueOf(value);
                if (!field.options().contains(choice)) {
                    throw new IllegalArgumentException(label + "は次のどれかを選んでください: "
                            + String.join("、", field.options()) + "（入力値: " + choice + "）");
                }
                yield choice;
            }
            case MULTI -> {
                List<String> chosen = value instanceof Collection<?> c ? c.stream().map(String::valueOf).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList() : List.of(String.valueOf(value).strip());
                List<String> unknown = chosen.stream().filter(c -> !field.options().contains(c)).toList();
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException(label + "に「" + String.join("、", unknown)
                            + "」はありません。選べるもの: " + String.join("、", field.options()));
                }
                yield new ArrayList<>(field.options().stream().filter(chosen::contains).toList());
            }
        };
    }

    private static LocalDate date(String label, Object value) {
        String text = Normalizer.normalize(String.valueOf(value).strip(), Normalizer.Form.NFKC).replace('/', '-');
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(label + "は 2026-12-03 の形で入力してください（入力値: " + value + "）");
        }
    }

    /** A period is a pair of DATE fields xxxFrom and xxxTo: the end may not come before the start. */
    private static void checkPeriods(DocumentTemplate template, Map<String, Object> kept, Map<String, String> errors) {
        for (DocumentField end : template.fields()) {
            if (end.type() != FieldType.DATE || !end.code().endsWith("To")) {
                continue;
            }
            String startCode = end.code().substring(0, end.code().length() - 2) + "From";
            Object start = kept.get(startCode);
            Object stop = kept.get(end.code());
            if (start != null && stop != null && LocalDate.parse((String) stop).isBefore(LocalDate.parse((String) start))) {
                errors.put("values." + end.code(), "「" + end.label() + "」は「"
                        + template.field(startCode).orElseThrow().label() + "」（" + start + "）より前にできません");
            }
        }
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.stream().allMatch(v -> v == null || String.valueOf(v).isBlank());
    }
}
