package jp.renkei.hub.regional.questionnaire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A one-time answer link issued to one of the facility's patients for one questionnaire version and visit day.
 * The token, the short code and the answer session are held only as hashes (in the store, not here).
 *
 * @param patientId   the facility's own FHIR Patient the answers are about
 * @param eventNumber the patient's event number when enrolled, otherwise {@code null}
 */
public record AnswerLink(UUID id, UUID formId, String facilityId, String patientId, String localPatientId,
                         String eventNumber, LocalDate visitDate, int failedAttempts, String issuedBy,
                         Instant issuedAt, Instant expiresAt, Instant verifiedAt, Instant lockedAt, Instant usedAt,
                         String responseFhirId) {

    /** Where a link stands. */
    public enum State {
        /** May be opened and answered. */
        OPEN,
        /** Answered: never again. */
        USED,
        /** Past its expiry. */
        EXPIRED,
        /** Too many wrong birth dates. */
        LOCKED
    }

    public State state(Instant now) {
        if (usedAt != null) {
            return State.USED;
        }
        if (lockedAt != null) {
            return State.LOCKED;
        }
        return now.isBefore(expiresAt) ? State.OPEN : State.EXPIRED;
    }
}
