package jp.renkei.hub.carenet.template;

/**
 * A validated value as stored and shown: the item, its label, the value (a number as text, exactly as
 * entered, or the option or text) and the unit.
 */
public record RecordedValue(String item, String label, String value, String unit) {
}
