package jp.renkei.hub.regional.letter;

/**
 * A lab result or imaging study from the patient's record attached to a letter.
 *
 * @param reference {@code Observation/<id>} or {@code ImagingStudy/<id>}
 * @param display   what it is, as the sender saw it (test name and value, study description and date)
 */
public record AttachedRecord(String reference, String display) {
}
