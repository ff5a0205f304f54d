package jp.renkei.hub.regional.questionnaire;

import java.time.LocalDate;

/**
 * One of the facility's own patients as a link needs them.
 *
 * @param patientId   the facility's FHIR Patient
 * @param eventNumber formatted, or {@code null} when not enrolled
 * @param name        the name for the printed sheet
 */
public record FacilityPatient(String patientId, String localPatientId, String eventNumber, String name,
                              LocalDate birthDate) {
}
