package jp.renkei.hub.carenet.room;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient's room (利用者部屋), without its scanned consent form (which only the download reads).
 *
 * @param eventNumber the patient's event number when linked, else {@code null}
 */
public record Room(UUID id, String patientName, String patientNameKana, LocalDate patientBirthDate,
                   String eventNumber, RoomStatus status, String applicantId, String applicantFacilityId,
                   String caretakerId, String formContentType, int formSizeBytes, Instant appliedAt,
                   Instant decidedAt, String decidedBy, String decisionReason, Instant closedAt,
                   Instant lastActivityAt) {
}
