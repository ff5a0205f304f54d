package jp.renkei.hub.regional.pathway;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One item of an assessment sheet (e.g. Barthel Index, mRS, HbA1c).
 *
 * @param min     the smallest value of a number item, or {@code null}
 * @param max     the largest value of a number item, or {@code null}
 * @param unit    the unit shown beside a number (may be empty)
 * @param options the choices of a choice item, otherwise empty
 */
public record SheetItem(String linkId, String text, ItemKind kind, boolean required, BigDecimal min, BigDecimal max,
                        String unit, List<Option> options) {

    /** One choice: the code stored and the text shown. */
    public record Option(String code, String display) {
    }

    public SheetItem {
        unit = unit == null ? "" : unit;
        options = options == null ? List.of() : List.copyOf(options);
    }

    public Optional<Option> option(String code) {
        return options.stream().filter(o -> o.code().equals(code)).findFirst();
    }
}
