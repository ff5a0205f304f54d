package jp.renkei.hub.regional.questionnaire;

/**
 * An item as staff type it into the builder.
 *
 * @param options   the choices, one per line (choice items only)
 * @param shownWhen the linkId of an earlier yes/no item, or blank for "always asked"
 */
public record NewItem(String text, ItemType type, boolean required, String options, String unit, String shownWhen) {
}
