package jp.renkei.hub.core.patient;

/** A patient as one facility knows them: the facility's hub ID and its own local patient ID. */
public record FacilityPatientId(String facilityId, String localPatientId) {
}
