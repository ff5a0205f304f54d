package jp.renkei.hub.carenet.template;

import java.math.BigDecimal;
import java.util.List;

/**
 * One question of a category template, like a FHIR Questionnaire item.
 *
 * @param code      the key under which a value is recorded
 * @param label     what people read (Japanese)
 * @param type      what it accepts
 * @param options   the choices of a CHOICE item
 * @param unit      the unit of a NUMBER item, shown with the value
 * @param min       the smallest NUMBER accepted
 * @param max       the largest NUMBER accepted
 * @param decimals  how many decimals a NUMBER may have
 * @param maxLength the longest TEXT accepted
 */
public record TemplateItem(String code, String label, ItemType type, List<String> options, String unit,
                           BigDecimal min, BigDecimal max, Integer decimals, Integer maxLength) {

    public TemplateItem {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
