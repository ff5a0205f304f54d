package jp.renkei.hub.carenet.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Checks structured entries against their category templates and turns them into what is stored. Every
 * problem of a post is reported at once, each under its field ({@code entries[0].nightSleep}) with a message
 * a nurse can act on: the item's label, the range and unit, and what was entered.
 */
public final class EntryValidator {

    private EntryValidator() {
    }

    /** @throws ApiException 400 naming each wrong field */
    public static List<RecordedEntry> validate(List<StructuredEntry> entries, Map<String, CategoryTemplate> templates) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<RecordedEntry> recorded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            StructuredEntry entry = entries.get(i);
            String at = "entries[" + i + "]";
            CategoryTemplate template = entry.category() == null ? null : templates.get(entry.category());
            if (template == null) {
                errors.put(at + ".category", "分類「" + entry.category() + "」はありません。使える分類: "
                        + String.join("、", templates.values().stream()
                                .map(t -> t.code() + "（" + t.title() + "）").toList()));
                continue;
            }
            if (!seen.add(template.code())) {
                errors.put(at + ".category", "分類「" + template.title() + "」が 2 回あります。1 つの投稿に 1 回までです");
                continue;
            }
            List<RecordedValue> values = new ArrayList<>();
            for (Map.Entry<String, Object> value : entry.values().entrySet()) {
                String field = at + "." + value.getKey();
                TemplateItem item = template.item(value.getKey()).orElse(null);
                if (item == null) {
                    errors.put(field, "「" + template.title() + "」に項目「" + value.getKey() + "」はありません。使える項目: "
                            + String.join("、", template.items().stream()
                                    .map(t -> t.code() + "（" + t.label() + "）").toList()));
                    continue;
                }
                if (isEmpty(value.getValue())) {
                    continue; // only what is entered is recorded
                }
                String problem = problem(item, value.getValue());
                if (problem != null) {
                    errors.put(field, problem);
                } else {
                    values.add(new RecordedValue(item.code(), item.label(), text(item, value.getValue()), item.unit()));
                }
            }
            if (values.isEmpty() && errors.keySet().stream().noneMatch(k -> k.startsWith(at + "."))) {
                errors.put(at, "「" + template.title() + "」に何も入力されていません。入力した項目だけが記録されます");
            }
            // keep the template's order, not the client's
            values.sort((a, b) -> Integer.compare(indexOf(template, a.item()), indexOf(template, b.item())));
            recorded.add(new RecordedEntry(template.code(), template.title(), values));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "入力内容に誤りがあります: " + String.join("; ",
                    errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()), errors);
        }
        return recorded;
    }

    private static String problem(TemplateItem item, Object value) {
        return switch (item.type()) {
            case CHOICE -> value instanceof String s && item.options().contains(s.strip()) ? null
                    : item.label() + "は次のどれかを選んでください: " + String.join("、", item.options())
                            + "（入力値: " + value + "）";
            case TEXT -> {
                if (!(value instanceof String s)) {
                    yield item.label() + "は文字で入力してください（入力値: " + value + "）";
                }
                yield s.strip().length() > item.maxLength()
                        ? item.label() + "は " + item.maxLength() + " 文字までです（" + s.strip().length() + " 文字）" : null;
            }
            case NUMBER -> numberProblem(item, value);
        };
    }

    private static String numberProblem(TemplateItem item, Object value) {
        BigDecimal number = number(value);
        String range = item.min().toPlainString() + "〜" + item.max().toPlainString() + " " + item.unit();
        if (number == null) {
            return item.label() + "は数値（" + item.unit() + "）で入力してください（入力値: " + value + "）";
        }
        if (number.compareTo(item.min()) < 0 || number.compareTo(item.max()) > 0) {
            return item.label() + "は " + range + " の範囲で入力してください（入力値: " + number.toPlainString()
                    + " " + item.unit() + "）";
        }
        if (Math.max(number.stripTrailingZeros().scale(), 0) > item.decimals()) {
            return item.label() + "は" + (item.decimals() == 0 ? "整数" : "小数点以下 " + item.decimals() + " 桁まで")
                    + "で入力してください（入力値: " + number.toPlainString() + "）";
        }
        return null;
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s) {
            try {
                // people type full-width digits on Japanese keyboards: ３６．５ is 36.5
                return new BigDecimal(java.text.Normalizer.normalize(s.strip(), java.text.Normalizer.Form.NFKC));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(TemplateItem item, Object value) {
        return item.type() == ItemType.NUMBER ? number(value).toPlainString() : ((String) value).strip();
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    private static int indexOf(CategoryTemplate template, String item) {
        for (int i = 0; i < template.items().size(); i++) {
            if (template.items().get(i).code().equals(item)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
