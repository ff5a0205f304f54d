package jp.renkei.hub.core.patient;

/** A facility's link after a link request, and whether the request created it (false: it existed already). */
public record LinkResult(PatientLink link, boolean created) {
}
