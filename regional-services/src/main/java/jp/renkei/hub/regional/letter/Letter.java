package jp.renkei.hub.regional.letter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A referral letter (診療情報提供書) as the hub keeps it.
 *
 * @param senderFacilityId null for a letter received from outside (the sender is then only named)
 * @param eventNumber      the patient's event number, or null for an outside letter uploaded without one
 * @param document         the FHIR document Bundle (JSON) of a letter written in the hub, else null
 * @param signature        the signed file and its verification, when the letter is signed
 */
public record Letter(UUID id, LetterOrigin origin, String senderFacilityId, String senderPersonId,
                     String senderName, String recipientFacilityId, String eventNumber, String title,
                     Map<LetterSection, String> sections, List<AttachedRecord> attachments, String document,
                     LetterStatus status, Instant createdAt, Instant readAt, Instant acknowledgedAt,
                     Optional<LetterSignature> signature) {

    public Letter {
        sections = Map.copyOf(sections);
        attachments = List.copyOf(attachments);
    }

    public boolean sentBy(String facilityId) {
        return facilityId != null && facilityId.equals(senderFacilityId);
    }

    public boolean addressedTo(String facilityId) {
        return facilityId != null && facilityId.equals(recipientFacilityId);
    }

    Letter withSignature(LetterSignature stored) {
        return new Letter(id, origin, senderFacilityId, senderPersonId, senderName, recipientFacilityId,
                eventNumber, title, sections, attachments, document, status, createdAt, readAt, acknowledgedAt,
                Optional.of(stored));
    }
}
