package jp.renkei.hub.fhir.dispensing;

/**
 * A pharmacy, prescriber or prescribing institution as a record names it. Two records name the same party when
 * their keys are equal: {@code facility:<hub ID>} for a registered facility (also when the record gives only its
 * medical-institution code), {@code code:<code>} for an unregistered code, {@code name:<name>} when the record
 * gives a name only, and for a doctor {@code practitioner:<ID or name>@<institution key>}.
 *
 * @param key  what is compared
 * @param name what people read (Japanese, as the record or the registry spells it)
 */
public record Party(String key, String name) {

    /** No party: a prescription nobody dispensed has no pharmacy. */
    public static final Party NONE = new Party("", "");

    public boolean isEmpty() {
        return key.isEmpty();
    }
}
