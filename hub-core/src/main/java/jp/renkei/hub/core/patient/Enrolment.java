package jp.renkei.hub.core.patient;

/** The number a facility's patient has, and whether the hub issued it just now. */
public record Enrolment(EventNumber eventNumber, String localPatientId, boolean created) {
}
