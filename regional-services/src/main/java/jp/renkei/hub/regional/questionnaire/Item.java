package jp.renkei.hub.regional.questionnaire;

import java.util.List;

/**
 * One question of a questionnaire.
 *
 * @param linkId    the item's ID within the questionnaire ({@code q1}, {@code q2} …), also the FHIR linkId
 * @param text      the question as the patient reads it
 * @param options   the choices of a single or multiple choice, otherwise empty
 * @param unit      the unit of a number (may be empty)
 * @param shownWhen the linkId of an earlier yes/no item: this item is asked only when that one is answered
 *                  "yes" (FHIR enableWhen); {@code null} when always asked
 */
public record Item(String linkId, String text, ItemType type, boolean required, List<String> options, String unit,
                   String shownWhen) {

    public Item {
        options = options == null ? List.of() : List.copyOf(options);
        unit = unit == null ? "" : unit;
    }
}
