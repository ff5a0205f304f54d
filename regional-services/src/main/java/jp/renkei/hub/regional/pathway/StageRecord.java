package jp.renkei.hub.regional.pathway;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One filled-in assessment sheet of a stage: who recorded it for which facility, when, and the answers (linkId →
 * Integer, BigDecimal, Boolean, option code, String or LocalDate); shown over FHIR as a QuestionnaireResponse.
 */
public record StageRecord(UUID id, String stageCode, String sheetCode, String facilityId, String personId,
                          String personName, Instant recordedAt, Map<String, Object> answers) {
}
